using System.Globalization;
using Intercom.Station.Controller;
using Microsoft.Data.Sqlite;

namespace Intercom.Station.Journal;

/// <summary>
/// The call and event log in SQLite (<c>calls.db</c> in the state directory): survives reboots (WAL, fsync on
/// commit), stays bounded (the newest N rows of each table are kept), and answers filtered, paged queries for the web
/// page and the HTTP API. One connection behind a lock: writes are a few per call.
/// </summary>
public sealed class CallLog : IStationJournal, IDisposable
{
    /// <summary>The file name in the state directory.</summary>
    public const string FileName = "calls.db";

    private const int MaximumPage = 500;
    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly int _maximumCalls;
    private readonly int _maximumEvents;

    /// <summary>Opens (or creates) the log at <paramref name="path"/>.</summary>
    public CallLog(string path, int maximumCalls, int maximumEvents)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _maximumCalls = maximumCalls;
        _maximumEvents = maximumEvents;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS calls (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              started_unix_ms INTEGER NOT NULL,
              started_at TEXT NOT NULL,
              direction TEXT NOT NULL,
              button TEXT,
              targets TEXT NOT NULL,
              answered_by TEXT,
              duration_ms INTEGER NOT NULL,
              talk_ms INTEGER NOT NULL,
              codec TEXT,
              srtp INTEGER NOT NULL,
              door_opened INTEGER NOT NULL,
              end_reason TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS calls_started ON calls (started_unix_ms);
            CREATE TABLE IF NOT EXISTS events (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              time_unix_ms INTEGER NOT NULL,
              time TEXT NOT NULL,
              kind TEXT NOT NULL,
              subject TEXT,
              detail TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS events_time ON events (time_unix_ms);
            """);
    }

    /// <summary>Opens the log in <paramref name="stateDirectory"/> (created with mode 0700 when missing).</summary>
    public static CallLog OpenIn(string stateDirectory, int maximumCalls, int maximumEvents)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(stateDirectory);
        }
        else
        {
            Directory.CreateDirectory(stateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new CallLog(Path.Combine(stateDirectory, FileName), maximumCalls, maximumEvents);
    }

    /// <summary>Raised after a call is stored, outside the lock, on the recording thread; handlers must be quick (MQTT, webhooks).</summary>
    public event EventHandler<CallRecord>? CallRecorded;

    /// <summary>Raised after an event is stored, outside the lock, on the recording thread; handlers must be quick.</summary>
    public event EventHandler<StationEvent>? EventRecorded;

    /// <inheritdoc />
    public void RecordCall(CallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO calls (started_unix_ms, started_at, direction, button, targets, answered_by, duration_ms, talk_ms, codec, srtp, door_opened, end_reason)
                VALUES ($started, $startedAt, $direction, $button, $targets, $answeredBy, $duration, $talk, $codec, $srtp, $door, $reason);
                DELETE FROM calls WHERE id <= last_insert_rowid() - $keep;
                """;
            command.Parameters.AddWithValue("$started", record.StartedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$startedAt", record.StartedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$direction", record.Direction.ToString());
            command.Parameters.AddWithValue("$button", (object?)record.Button ?? DBNull.Value);
            command.Parameters.AddWithValue("$targets", record.Targets);
            command.Parameters.AddWithValue("$answeredBy", (object?)record.AnsweredBy ?? DBNull.Value);
            command.Parameters.AddWithValue("$duration", (long)record.Duration.TotalMilliseconds);
            command.Parameters.AddWithValue("$talk", (long)record.TalkTime.TotalMilliseconds);
            command.Parameters.AddWithValue("$codec", (object?)record.Codec ?? DBNull.Value);
            command.Parameters.AddWithValue("$srtp", record.Srtp ? 1 : 0);
            command.Parameters.AddWithValue("$door", record.DoorOpened ? 1 : 0);
            command.Parameters.AddWithValue("$reason", record.EndReason.ToString());
            command.Parameters.AddWithValue("$keep", _maximumCalls);
            command.ExecuteNonQuery();
        }

        CallRecorded?.Invoke(this, record);
    }

    /// <inheritdoc />
    public void RecordEvent(StationEvent stationEvent)
    {
        ArgumentNullException.ThrowIfNull(stationEvent);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO events (time_unix_ms, time, kind, subject, detail) VALUES ($time, $text, $kind, $subject, $detail);
                DELETE FROM events WHERE id <= last_insert_rowid() - $keep;
                """;
            command.Parameters.AddWithValue("$time", stationEvent.Time.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$text", stationEvent.Time.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$kind", stationEvent.Kind.ToString());
            command.Parameters.AddWithValue("$subject", (object?)stationEvent.Subject ?? DBNull.Value);
            command.Parameters.AddWithValue("$detail", stationEvent.Detail);
            command.Parameters.AddWithValue("$keep", _maximumEvents);
            command.ExecuteNonQuery();
        }

        EventRecorded?.Invoke(this, stationEvent);
    }

    /// <summary>Calls matching <paramref name="query"/>, newest first.</summary>
    public LogPage<CallRecord> QueryCalls(CallLogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            var where = new List<string>();
            AddTimeRange(command, where, "started_unix_ms", query.From, query.To);

            AddEquals(command, where, "direction", query.Direction?.ToString());
            AddEquals(command, where, "button", query.Button);
            AddEquals(command, where, "end_reason", query.EndReason?.ToString());
            if (query.DoorOpened is bool opened)
            {
                where.Add("door_opened = $opened");
                command.Parameters.AddWithValue("$opened", opened ? 1 : 0);
            }

            var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
            var total = Count(command, "calls", filter);
            command.CommandText = $"SELECT id, started_at, direction, button, targets, answered_by, duration_ms, talk_ms, codec, srtp, door_opened, end_reason FROM calls{filter} ORDER BY id DESC LIMIT $limit OFFSET $offset";
            AddPage(command, query.Offset, query.Limit);
            var items = new List<CallRecord>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                items.Add(new CallRecord
                {
                    Id = reader.GetInt64(0),
                    StartedAt = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                    Direction = Enum.Parse<CallDirection>(reader.GetString(2)),
                    Button = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Targets = reader.GetString(4),
                    AnsweredBy = reader.IsDBNull(5) ? null : reader.GetString(5),
                    Duration = TimeSpan.FromMilliseconds(reader.GetInt64(6)),
                    TalkTime = TimeSpan.FromMilliseconds(reader.GetInt64(7)),
                    Codec = reader.IsDBNull(8) ? null : reader.GetString(8),
                    Srtp = reader.GetInt64(9) != 0,
                    DoorOpened = reader.GetInt64(10) != 0,
                    EndReason = Enum.Parse<CallEndReason>(reader.GetString(11)),
                });
            }

            return new LogPage<CallRecord>(items, total);
        }
    }

    /// <summary>Events matching <paramref name="query"/>, newest first.</summary>
    public LogPage<StationEvent> QueryEvents(EventLogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            var where = new List<string>();
            AddTimeRange(command, where, "time_unix_ms", query.From, query.To);

            AddEquals(command, where, "kind", query.Kind?.ToString());
            AddEquals(command, where, "subject", query.Subject);
            var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
            var total = Count(command, "events", filter);
            command.CommandText = $"SELECT id, time, kind, subject, detail FROM events{filter} ORDER BY id DESC LIMIT $limit OFFSET $offset";
            AddPage(command, query.Offset, query.Limit);
            var items = new List<StationEvent>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                items.Add(new StationEvent
                {
                    Id = reader.GetInt64(0),
                    Time = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                    Kind = Enum.Parse<StationEventKind>(reader.GetString(2)),
                    Subject = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Detail = reader.GetString(4),
                });
            }

            return new LogPage<StationEvent>(items, total);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private static void AddTimeRange(SqliteCommand command, List<string> where, string column, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } start)
        {
            where.Add($"{column} >= $from");
            command.Parameters.AddWithValue("$from", start.ToUnixTimeMilliseconds());
        }

        if (to is { } end)
        {
            where.Add($"{column} < $to");
            command.Parameters.AddWithValue("$to", end.ToUnixTimeMilliseconds());
        }
    }

    private static void AddEquals(SqliteCommand command, List<string> where, string column, string? value)
    {
        if (value is null)
        {
            return;
        }

        where.Add($"{column} = ${column}");
        command.Parameters.AddWithValue("$" + column, value);
    }

    private static int Count(SqliteCommand command, string table, string filter)
    {
        command.CommandText = $"SELECT COUNT(*) FROM {table}{filter}";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void AddPage(SqliteCommand command, int offset, int limit)
    {
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, MaximumPage));
        command.Parameters.AddWithValue("$offset", Math.Max(offset, 0));
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
