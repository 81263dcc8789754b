using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsBot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxSentInDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "sent_in_digest",
                table: "outbox",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Merged rows from before: their sources were listed when their post went out (or the post was a digest
            // page), so none of them is due for an edit of its post.
            migrationBuilder.Sql("UPDATE outbox SET sent_at = created_at WHERE state = 4 AND sent_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sent_in_digest",
                table: "outbox");
        }
    }
}
