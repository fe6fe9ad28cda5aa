namespace FinanceMatch.Api.Errors;

/// <summary>The body is larger than the contract allows (413).</summary>
public sealed class PayloadTooLargeException(string message) : Exception(message);

/// <summary>The request's content type is not one this endpoint reads (415).</summary>
public sealed class UnsupportedContentTypeException(string message) : Exception(message);
