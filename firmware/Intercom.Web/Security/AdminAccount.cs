using Intercom.Station.Configuration;
using Intercom.Web.Settings;

namespace Intercom.Web.Security;

/// <summary>
/// The one administrator: first-boot setup (only while no password is set), password checks (one at a time, so
/// guessing cannot load the CPU with parallel PBKDF2 runs) and changes. The hash lives in the configuration file.
/// </summary>
public sealed class AdminAccount : IDisposable
{
    private readonly ConfigurationStore _store;
    private readonly ConfigurationEditor _editor;
    private readonly SemaphoreSlim _verifyGate = new(1, 1);
    private readonly Lock _setupGate = new();

    /// <summary>Creates the account over the configuration.</summary>
    public AdminAccount(ConfigurationStore store, ConfigurationEditor editor)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(editor);
        _store = store;
        _editor = editor;
    }

    /// <summary>True once a password is set.</summary>
    public bool IsSetUp => _store.Current.Security.AdminPasswordHash.Length > 0;

    /// <summary>Sets the first password; false when one is already set (then nothing changes).</summary>
    public ConfigurationApplyResult? TrySetUp(string password)
    {
        var hash = PasswordHasher.Hash(password);
        lock (_setupGate)
        {
            if (IsSetUp)
            {
                return null;
            }

            return _editor.ChangeSecurity(security => new SecurityOptions { AdminPasswordHash = hash, ApiTokens = security.ApiTokens });
        }
    }

    /// <summary>Checks a password against the stored hash.</summary>
    public async Task<bool> VerifyAsync(string password, CancellationToken cancellationToken)
    {
        var hash = _store.Current.Security.AdminPasswordHash;
        if (hash.Length == 0)
        {
            return false;
        }

        await _verifyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => PasswordHasher.Verify(password, hash), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _verifyGate.Release();
        }
    }

    /// <summary>Replaces the password (the caller checked the current one).</summary>
    public ConfigurationApplyResult ChangePassword(string password)
    {
        var hash = PasswordHasher.Hash(password);
        return _editor.ChangeSecurity(security => new SecurityOptions { AdminPasswordHash = hash, ApiTokens = security.ApiTokens });
    }

    /// <inheritdoc />
    public void Dispose() => _verifyGate.Dispose();
}
