using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsBot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FullText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "translated_summary",
                table: "outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "translated_title",
                table: "outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "full_text",
                table: "feeds",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "summary_language",
                table: "channels",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "page_note",
                table: "articles",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "page_text",
                table: "articles",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "page_url",
                table: "articles",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "translated_summary",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "translated_title",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "full_text",
                table: "feeds");

            migrationBuilder.DropColumn(
                name: "summary_language",
                table: "channels");

            migrationBuilder.DropColumn(
                name: "page_note",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "page_text",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "page_url",
                table: "articles");
        }
    }
}
