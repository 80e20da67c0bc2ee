using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NewsletterDeliveryDomains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DomainHash",
                table: "NewsletterDeliveries",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterDeliveries_DomainHash_SentAt",
                table: "NewsletterDeliveries",
                columns: new[] { "DomainHash", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterDeliveries_DomainHash_Status_NextAttemptAt",
                table: "NewsletterDeliveries",
                columns: new[] { "DomainHash", "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NewsletterDeliveries_DomainHash_SentAt",
                table: "NewsletterDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_NewsletterDeliveries_DomainHash_Status_NextAttemptAt",
                table: "NewsletterDeliveries");

            migrationBuilder.DropColumn(
                name: "DomainHash",
                table: "NewsletterDeliveries");
        }
    }
}
