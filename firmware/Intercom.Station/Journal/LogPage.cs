namespace Intercom.Station.Journal;

/// <summary>One page of a log query.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Items">The rows, newest first.</param>
/// <param name="Total">Rows matching the filter in all pages.</param>
public sealed record LogPage<T>(IReadOnlyList<T> Items, int Total);
