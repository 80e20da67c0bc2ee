using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchVisibility : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Made again rather than altered: SQLite appends added columns after the terms, in the row's overflow
            // pages, which is what searching must not read. The entries are made again by the search-index job
            // within minutes of the start (it indexes every article whose entry is missing).
            migrationBuilder.Sql("""DROP TABLE "SearchEntryTerms";""");
            migrationBuilder.DropTable(name: "SearchEntries");
            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Edition = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PublishAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Terms = table.Column<string>(type: "TEXT", nullable: false),
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
            Search.CreateTermsIndex(migrationBuilder);

            // What searching reads of each match (ArticleSearch names it with INDEXED BY): a few dozen bytes an entry,
            // where the entry's row spans a page of its own with its terms. Outside the EF model, like the FTS5 table.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_SearchEntries_Visibility" ON "SearchEntries" ("ArticleId", "Edition", "Status", "PublishAt");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "SearchEntryTerms";""");
            migrationBuilder.DropTable(name: "SearchEntries");
            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Terms = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
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
            Search.CreateTermsIndex(migrationBuilder);
        }
    }
}
