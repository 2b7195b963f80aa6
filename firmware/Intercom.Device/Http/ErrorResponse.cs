namespace Intercom.Device.Http;

/// <summary>The body of a refused request.</summary>
/// <param name="Error">What went wrong and what to do.</param>
public sealed record ErrorResponse(string Error);
