namespace FinanceMatch.Client.Contracts;

/// <summary>One page of a list: <c>?page=1&amp;pageSize=50</c>.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount);

/// <summary>A client id and secret; the secret is shown only when it is created or rotated.</summary>
public sealed record ClientCredentials(string ClientId, string ClientSecret);
