using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Migrations.Sqlite
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
                type: "TEXT",
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
