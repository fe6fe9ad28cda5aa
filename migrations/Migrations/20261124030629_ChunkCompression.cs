using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ChunkCompression : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Raw batch chunks are large and compress well; lz4 compresses them several times faster than the default
            // pglz, which otherwise dominates the upload of a big batch.
            migrationBuilder.Sql("ALTER TABLE financematch.feed_batch_chunks ALTER COLUMN data SET COMPRESSION lz4;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE financematch.feed_batch_chunks ALTER COLUMN data SET COMPRESSION pglz;");
        }
    }
}
