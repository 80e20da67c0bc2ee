using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Migrations.Postgres
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

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SendsFrom",
                table: "NewsletterLists",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Occasion",
                table: "NewsletterIssues",
                type: "character varying(40)",
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
