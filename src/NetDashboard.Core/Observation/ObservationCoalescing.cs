namespace NetDashboard.Core.Observation;

/// <summary>
/// Two successive observations of one host as one: the newer full read (it supersedes the older's state entirely),
/// carrying the events of both in order, and the cause that claims the least about when its changes happened (a change
/// first seen on a connect or a resync must not be dated by an event it did not follow). For a sender that fell behind:
/// what it skips costs no state and no event.
/// </summary>
public static class ObservationCoalescing
{
    public static DaemonObservation Coalesce(DaemonObservation older, DaemonObservation newer) => newer with
    {
        Events = [.. older.Events, .. newer.Events],
        Cause = Weaker(older.Cause, newer.Cause),
    };

    private static ObservationCause Weaker(ObservationCause a, ObservationCause b) =>
        Rank(a) >= Rank(b) ? a : b;

    private static int Rank(ObservationCause cause) => cause switch
    {
        ObservationCause.Initial => 3,
        ObservationCause.Resync => 2,
        ObservationCause.Event => 1,
        _ => 0,
    };
}
