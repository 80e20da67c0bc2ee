using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AppealEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Campaign",
                table: "Checkouts",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Audience",
                table: "Appeals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerCapDays",
                table: "Appeals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "BannerCapShowings",
                table: "Appeals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "BannerGapDays",
                table: "Appeals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<bool>(
                name: "BannerWithArticleAppeal",
                table: "Appeals",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "BelowArticles",
                table: "Appeals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EndsAt",
                table: "Appeals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinArticles",
                table: "Appeals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Placement",
                table: "Appeals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "Appeals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 100);

            migrationBuilder.AddColumn<int>(
                name: "ReadingWeeks",
                table: "Appeals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 4);

            migrationBuilder.AddColumn<long>(
                name: "StartsAt",
                table: "Appeals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Test",
                table: "Appeals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TestPlannedShowings",
                table: "Appeals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "TestStartedAt",
                table: "Appeals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Topic",
                table: "Appeals",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AppealTallies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Hour = table.Column<long>(type: "INTEGER", nullable: false),
                    AppealId = table.Column<int>(type: "INTEGER", nullable: false),
                    Variant = table.Column<int>(type: "INTEGER", nullable: false),
                    Placement = table.Column<int>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Shown = table.Column<long>(type: "INTEGER", nullable: false),
                    Continued = table.Column<long>(type: "INTEGER", nullable: false),
                    Snoozed = table.Column<long>(type: "INTEGER", nullable: false),
                    Dismissed = table.Column<long>(type: "INTEGER", nullable: false),
                    Conversions = table.Column<long>(type: "INTEGER", nullable: false),
                    Recurring = table.Column<long>(type: "INTEGER", nullable: false),
                    Annualised = table.Column<long>(type: "INTEGER", nullable: false),
                    AnnualisedSquares = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppealTallies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AppealVariants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AppealId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BodyMarkdown = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    BodyHtml = table.Column<string>(type: "TEXT", nullable: true),
                    ContinueLabel = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    DefaultFrequency = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppealVariants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppealVariants_Appeals_AppealId",
                        column: x => x.AppealId,
                        principalTable: "Appeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AppealTallies_AppealId_Variant_Placement_Hour_Currency",
                table: "AppealTallies",
                columns: new[] { "AppealId", "Variant", "Placement", "Hour", "Currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AppealVariants_AppealId_Number",
                table: "AppealVariants",
                columns: new[] { "AppealId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppealTallies");

            migrationBuilder.DropTable(
                name: "AppealVariants");

            migrationBuilder.DropColumn(
                name: "Campaign",
                table: "Checkouts");

            migrationBuilder.DropColumn(
                name: "Audience",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "BannerCapDays",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "BannerCapShowings",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "BannerGapDays",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "BannerWithArticleAppeal",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "BelowArticles",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "EndsAt",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "MinArticles",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "Placement",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "ReadingWeeks",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "StartsAt",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "Test",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "TestPlannedShowings",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "TestStartedAt",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "Topic",
                table: "Appeals");
        }
    }
}
