using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Migrations.Sqlite
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
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Terms = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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

            CreateTermsIndex(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "SearchEntryTerms";""");
            migrationBuilder.DropTable(
                name: "SearchEntries");
        }

        /// <summary>The FTS5 table over SearchEntries and the triggers that keep it; also made again by <see cref="SearchVisibility"/>.</summary>
        internal static void CreateTermsIndex(MigrationBuilder migrationBuilder)
        {
            // The index SQLite searches: an FTS5 table over SearchEntries' terms (external content, so the text is
            // stored once), kept in step by triggers whatever writes the table. unicode61 without diacritic removal
            // splits the terms back exactly as SearchWords wrote them; ranking is bm25. Outside the EF model: a later
            // migration that rebuilds SearchEntries must make the triggers again.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "SearchEntryTerms" USING fts5("Terms", content='SearchEntries', content_rowid='ArticleId', tokenize='unicode61 remove_diacritics 0');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_Inserted" AFTER INSERT ON "SearchEntries" BEGIN
                    INSERT INTO "SearchEntryTerms" (rowid, "Terms") VALUES (new."ArticleId", new."Terms");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_Deleted" AFTER DELETE ON "SearchEntries" BEGIN
                    INSERT INTO "SearchEntryTerms" ("SearchEntryTerms", rowid, "Terms") VALUES ('delete', old."ArticleId", old."Terms");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_Updated" AFTER UPDATE ON "SearchEntries" BEGIN
                    INSERT INTO "SearchEntryTerms" ("SearchEntryTerms", rowid, "Terms") VALUES ('delete', old."ArticleId", old."Terms");
                    INSERT INTO "SearchEntryTerms" (rowid, "Terms") VALUES (new."ArticleId", new."Terms");
                END;
                """);
        }
    }
}
