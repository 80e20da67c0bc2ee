using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AppealSupportLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SuggestedAmounts",
                table: "AppealVariants",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DefaultFrequency",
                table: "Appeals",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuggestedAmounts",
                table: "Appeals",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SuggestedAmounts",
                table: "AppealVariants");

            migrationBuilder.DropColumn(
                name: "DefaultFrequency",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "SuggestedAmounts",
                table: "Appeals");
        }
    }
}
