using FinanceMatch.Api.Features.Statistics;
using Npgsql;

namespace FinanceMatch.IntegrationTests.Statistics;

/// <summary>The statistics read histograms in PostgreSQL's binary array format; what PostgreSQL itself sends must read back the same.</summary>
public sealed class PostgresIntArrayTests
{
    [TestCase("{}")]
    [TestCase("{0}")]
    [TestCase("{1,2,3}")]
    [TestCase("{-2147483648,-1,0,2147483647}")]
    [TestCase("{7,7,7,100000,3}")]
    public async Task WhatArraySendGives_ReadsBackAsTheSameIntegers(string literal)
    {
        await using var connection = new NpgsqlConnection(TestRun.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT array_send($1::integer[]), $1::integer[]", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = literal });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.That(PostgresIntArray.Read(reader.GetFieldValue<byte[]>(0)), Is.EqualTo(reader.GetFieldValue<int[]>(1)));
    }

    [Test]
    public async Task AnArrayWithANull_IsRefused()
    {
        await using var connection = new NpgsqlConnection(TestRun.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT array_send(ARRAY[1, NULL]::integer[])", connection);
        var sent = (byte[])(await command.ExecuteScalarAsync())!;

        Assert.That(() => PostgresIntArray.Read(sent), Throws.InstanceOf<FormatException>());
    }
}
