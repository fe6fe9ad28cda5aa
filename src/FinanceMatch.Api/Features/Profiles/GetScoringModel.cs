using System.Text.Json;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Profiles;
using Npgsql;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>The public scoring model: the version in force, or any version the platform can score with (<c>?version=</c>).</summary>
public static class GetScoringModel
{
    internal static async Task<ScoringModelDto> Endpoint(
        NpgsqlDataSource dataSource,
        CancellationToken ct,
        string? version = null
    )
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var inForce = await ProfileBuilder.ActiveModelAsync(connection, ct);
        var model = version is null
            ? inForce
            : ScoringModel.Find(version.Trim())
                ?? throw new NotFoundException(
                    $"No scoring model version {version}; the versions are {string.Join(", ", ScoringModel.Versions.Select(v => v.Version))}."
                );
        return ToDto(model) with { InForce = model == inForce };
    }

    public static ScoringModelDto ToDto(ScoringModel model) =>
        new(
            model.Version,
            model.Grades.Select(g => new GradeBandDto(g.Grade, g.MinScore)).ToList(),
            model
                .Dimensions.Select(d => new DimensionDto(
                    d.Code,
                    d.Description,
                    d.Weight,
                    d.Factors.Select(f => new FactorDto(
                            f.Code,
                            f.Description,
                            f.Weight,
                            JsonNamingPolicy.CamelCase.ConvertName(f.Direction.ToString()),
                            f.Thresholds,
                            f.BandScores
                        ))
                        .ToList()
                ))
                .ToList(),
            false,
            model.Summary,
            model.Caps.Select(c => new GradeCapDto(c.Code, c.Description, c.Grade)).ToList(),
            ScoringModel.Versions.Select(v => v.Version).ToList()
        );
}
