using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Appeals_and_contributions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsSensitive",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Appeals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BodyMarkdown = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    BodyHtml = table.Column<string>(type: "TEXT", nullable: false),
                    ContinueLabel = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    NotTodayLine = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    SnoozeLabel = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    SnoozeDays = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appeals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Checkouts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProviderSessionId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    EmailProtected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    EmailHash = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SupporterId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checkouts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PaymentEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Supporters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CustomerRef = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    EmailProtected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EmailHash = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Supporters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Contributions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SupporterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProviderRef = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    SubscriptionRef = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contributions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contributions_Supporters_SupporterId",
                        column: x => x.SupporterId,
                        principalTable: "Supporters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Subscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SupporterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProviderRef = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    StatusAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RenewsAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Subscriptions_Supporters_SupporterId",
                        column: x => x.SupporterId,
                        principalTable: "Supporters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Checkouts_Provider_ProviderSessionId",
                table: "Checkouts",
                columns: new[] { "Provider", "ProviderSessionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_Provider_ProviderRef",
                table: "Contributions",
                columns: new[] { "Provider", "ProviderRef" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_SupporterId",
                table: "Contributions",
                column: "SupporterId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentEvents_ProcessedAt",
                table: "PaymentEvents",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentEvents_Provider_EventId",
                table: "PaymentEvents",
                columns: new[] { "Provider", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Provider_ProviderRef",
                table: "Subscriptions",
                columns: new[] { "Provider", "ProviderRef" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Status_RenewsAt",
                table: "Subscriptions",
                columns: new[] { "Status", "RenewsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_SupporterId",
                table: "Subscriptions",
                column: "SupporterId");

            migrationBuilder.CreateIndex(
                name: "IX_Supporters_EmailHash",
                table: "Supporters",
                column: "EmailHash");

            migrationBuilder.CreateIndex(
                name: "IX_Supporters_Provider_CustomerRef",
                table: "Supporters",
                columns: new[] { "Provider", "CustomerRef" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Appeals");

            migrationBuilder.DropTable(
                name: "Checkouts");

            migrationBuilder.DropTable(
                name: "Contributions");

            migrationBuilder.DropTable(
                name: "PaymentEvents");

            migrationBuilder.DropTable(
                name: "Subscriptions");

            migrationBuilder.DropTable(
                name: "Supporters");

            migrationBuilder.DropColumn(
                name: "IsSensitive",
                table: "Articles");
        }
    }
}
