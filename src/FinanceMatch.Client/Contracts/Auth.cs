namespace FinanceMatch.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/auth/token</c>.</summary>
public sealed record TokenRequest(string ClientId, string ClientSecret);

/// <summary>A bearer token and its lifetime in seconds.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>Roles a token can carry.</summary>
public enum Role
{
    /// <summary>Platform operator.</summary>
    Operator,
    /// <summary>Financial institution.</summary>
    Bank,
    /// <summary>Government department pushing feeds.</summary>
    Department,
    /// <summary>A registered firm.</summary>
    Enterprise,
}

/// <summary>Who the bearer of a token is: <c>GET /api/v1/auth/me</c>.</summary>
public sealed record CallerDto(string ClientId, Role Role, Guid SubjectId);
