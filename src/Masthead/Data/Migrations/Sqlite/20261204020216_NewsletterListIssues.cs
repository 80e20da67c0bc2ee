using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NewsletterListIssues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NewsletterIssues_ListId",
                table: "NewsletterIssues");

            migrationBuilder.AddColumn<long>(
                name: "SendsFrom",
                table: "NewsletterLists",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Occasion",
                table: "NewsletterIssues",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterIssues_ListId_Occasion",
                table: "NewsletterIssues",
                columns: new[] { "ListId", "Occasion" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NewsletterIssues_ListId_Occasion",
                table: "NewsletterIssues");

            migrationBuilder.DropColumn(
                name: "SendsFrom",
                table: "NewsletterLists");

            migrationBuilder.DropColumn(
                name: "Occasion",
                table: "NewsletterIssues");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterIssues_ListId",
                table: "NewsletterIssues",
                column: "ListId");
        }
    }
}
