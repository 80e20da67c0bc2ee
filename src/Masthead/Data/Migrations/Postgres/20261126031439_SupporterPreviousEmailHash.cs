using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SupporterPreviousEmailHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PreviousEmailHash",
                table: "Supporters",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Supporters_PreviousEmailHash",
                table: "Supporters",
                column: "PreviousEmailHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Supporters_PreviousEmailHash",
                table: "Supporters");

            migrationBuilder.DropColumn(
                name: "PreviousEmailHash",
                table: "Supporters");
        }
    }
}
