using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Terms = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchEntries", x => x.ArticleId);
                    table.ForeignKey(
                        name: "FK_SearchEntries_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The index PostgreSQL searches: the terms as a tsvector under the 'simple' configuration (SearchWords has
            // stemmed them already; 'simple' only splits and lower-cases), generated so every write keeps it, with a
            // GIN index; ranking is ts_rank. Outside the EF model, which knows only the terms.
            migrationBuilder.Sql("""
                ALTER TABLE "SearchEntries" ADD COLUMN "TermsVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "Terms")) STORED;
                CREATE INDEX "IX_SearchEntries_TermsVector" ON "SearchEntries" USING GIN ("TermsVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchEntries");
        }
    }
}
