using System.Text.Json;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Profiles;

namespace FinanceMatch.Api.Features.Profiles;

public static class GetScoringModel
{
    internal static ScoringModelDto Endpoint(ProfileBuilder builder) => ToDto(builder.Model);

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
                .ToList()
        );
}
