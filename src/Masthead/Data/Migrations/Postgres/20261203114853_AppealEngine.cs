using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Masthead.Data.Migrations.Postgres
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
                type: "character varying(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Audience",
                table: "Appeals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerCapDays",
                table: "Appeals",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "BannerCapShowings",
                table: "Appeals",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "BannerGapDays",
                table: "Appeals",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<bool>(
                name: "BannerWithArticleAppeal",
                table: "Appeals",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "BelowArticles",
                table: "Appeals",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EndsAt",
                table: "Appeals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinArticles",
                table: "Appeals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Placement",
                table: "Appeals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "Appeals",
                type: "integer",
                nullable: false,
                defaultValue: 100);

            migrationBuilder.AddColumn<int>(
                name: "ReadingWeeks",
                table: "Appeals",
                type: "integer",
                nullable: false,
                defaultValue: 4);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StartsAt",
                table: "Appeals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Test",
                table: "Appeals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TestPlannedShowings",
                table: "Appeals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TestStartedAt",
                table: "Appeals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Topic",
                table: "Appeals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AppealTallies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AppealId = table.Column<int>(type: "integer", nullable: false),
                    Variant = table.Column<int>(type: "integer", nullable: false),
                    Placement = table.Column<int>(type: "integer", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Shown = table.Column<long>(type: "bigint", nullable: false),
                    Continued = table.Column<long>(type: "bigint", nullable: false),
                    Snoozed = table.Column<long>(type: "bigint", nullable: false),
                    Dismissed = table.Column<long>(type: "bigint", nullable: false),
                    Conversions = table.Column<long>(type: "bigint", nullable: false),
                    Recurring = table.Column<long>(type: "bigint", nullable: false),
                    Annualised = table.Column<long>(type: "bigint", nullable: false),
                    AnnualisedSquares = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppealTallies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AppealVariants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AppealId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BodyMarkdown = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    BodyHtml = table.Column<string>(type: "text", nullable: true),
                    ContinueLabel = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    DefaultFrequency = table.Column<int>(type: "integer", nullable: true)
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
