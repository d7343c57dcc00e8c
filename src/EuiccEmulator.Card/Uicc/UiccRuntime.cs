using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Uicc;

/// <summary>
/// The file system the terminal sees: the enabled profile's, built from its stored package and its UICC state.
/// Every state change is committed through the <see cref="CardEngine"/> (one store transaction) before the
/// response leaves the card; a failed commit drops the in-memory copy so that the stored state is what remains.
/// </summary>
internal sealed class UiccRuntime(CardEngine engine, TemplateCatalog? catalog = null)
{
    private readonly TemplateCatalog _catalog = catalog ?? TemplateCatalog.Default;
    private UiccFileSystem? _fs;
    private ProfileRecord? _builtFor;
    private Iccid? _failedIccid;

    // The profile the terminal sees, and whether it stays so until the next card reset (a switch that needed a
    // REFRESH the terminal never asked for).
    private Iccid? _visible = engine.EnabledProfile?.Iccid;
    private bool _held;

    /// <summary>Incremented whenever another file system is presented; channels reset their selection then.</summary>
    public int Generation { get; private set; }

    /// <summary>The presented file system, or null when no profile is enabled (or its package cannot be built).</summary>
    public UiccFileSystem? Current
    {
        get
        {
            var profile = _held ? (_visible is { } held ? engine.Find(held) : null) : engine.EnabledProfile;
            if (!_held) _visible = profile?.Iccid;
            if (profile is null)
            {
                Drop();
                return null;
            }
            // Rebuilt when the enabled profile or its stored state changed behind our back (switch, rollback).
            if (_fs is not null && ReferenceEquals(profile, _builtFor)) return _fs;
            if (_fs is not null && _builtFor is not null && profile.Iccid == _builtFor.Iccid
                && ReferenceEquals(profile.UiccState, _builtFor.UiccState))
            {
                _builtFor = profile;
                return _fs;
            }
            if (_failedIccid == profile.Iccid && _fs is null) return null;
            Drop();
            _fs = Build(profile);
            _builtFor = _fs is null ? null : profile;
            _failedIccid = _fs is null ? profile.Iccid : null;
            return _fs;
        }
    }

    public Iccid? PresentedIccid => _fs is null ? null : _builtFor?.Iccid;

    private UiccFileSystem? Build(ProfileRecord profile)
    {
        var package = engine.LoadPackage(profile.Iccid);
        if (package is null) return null;
        try
        {
            var fs = FileSystemBuilder.Build(package, _catalog);
            if (profile.UiccState is { } state) UiccStateCodec.Apply(fs, state);
            return fs;
        }
        catch (Exception e) when (e is FileSystemException or System.Formats.Asn1.AsnContentException)
        {
            return null; // a package the card accepted but cannot present: no file system (6A82), as before
        }
    }

    /// <summary>Commits the presented file system's state; on failure the copy in memory is dropped and rebuilt.</summary>
    public void Commit()
    {
        if (_fs is null || _builtFor is null) return;
        try
        {
            engine.SetUiccState(_builtFor.Iccid, UiccStateCodec.Encode(_fs));
            _builtFor = engine.Find(_builtFor.Iccid);
        }
        catch
        {
            Drop();
            throw;
        }
    }

    /// <summary>
    /// A profile switch happened: present it at once, or keep presenting the profile the terminal sees now until the
    /// next card reset. Called after the switch is committed.
    /// </summary>
    public void PresentSwitch(bool now)
    {
        if (now)
        {
            _held = false;
            _visible = engine.EnabledProfile?.Iccid;
            // A new profile session: its file system and PIN verifications start afresh, even when the profile is
            // the one built before (switched away and back with no UICC command in between).
            Drop();
            return;
        }
        _held = true; // _visible is what the terminal saw before this switch
    }

    /// <summary>
    /// Before each command: notes the profile the terminal sees, so that a switch made by this command (or by the
    /// card's owner between commands) can be held back from the state before it.
    /// </summary>
    public void Observe()
    {
        if (!_held) _visible = engine.EnabledProfile?.Iccid;
    }

    /// <summary>Profile the terminal sees (or null), whether or not its file system was built yet.</summary>
    public Iccid? VisibleIccid => _held ? _visible : engine.EnabledProfile?.Iccid;

    /// <summary>Card reset: a held switch takes effect and the session's PIN verifications end.</summary>
    public void Reset()
    {
        _held = false;
        _visible = engine.EnabledProfile?.Iccid;
        if (_fs is null) return;
        foreach (var table in _fs.PinTables())
            foreach (var pin in table.Pins) pin.Verified = false;
    }

    private void Drop()
    {
        if (_fs is not null) Generation++;
        _fs = null;
        _builtFor = null;
        _failedIccid = null;
    }
}
