namespace FinanceMatch.Client.Contracts;

/// <summary>One page of a list: <c>?page=1&amp;pageSize=50</c>.</summary>
/// <param name="Items">The items of this page, in the list's order; empty past the last page.</param>
/// <param name="Page">The 1-based page number asked for.</param>
/// <param name="PageSize">The most items a page holds, as asked for: 1 to 500, 50 by default.</param>
/// <param name="TotalCount">How many items the whole list holds, across all pages.</param>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount);

/// <summary>A client id and secret; the secret is shown only when it is created or rotated.</summary>
/// <param name="ClientId">
/// The client id to send to <c>POST /api/v1/auth/token</c>; unchanged by a rotation or reset.
/// </param>
/// <param name="ClientSecret">
/// The new client secret (43 characters of base64url). The platform keeps only its hash: store it now, it is never
/// shown again.
/// </param>
public sealed record ClientCredentials(string ClientId, string ClientSecret);
