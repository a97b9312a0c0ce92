namespace NetDashboard.Access;

/// <summary>The two roles, and the two policies built on them.</summary>
public static class AccessRoles
{
    /// <summary>Reads.</summary>
    public const string Viewer = "viewer";

    /// <summary>Reads and writes.</summary>
    public const string Operator = "operator";

    /// <summary>Reading: anyone, or with <c>RequireSignInToView</c> a signed-in user, a token, or the embed token on its URLs.</summary>
    public const string ViewPolicy = "nd-view";

    /// <summary>Writing: a signed-in operator (or an operator's API token).</summary>
    public const string OperatePolicy = "nd-operate";

    public static bool IsKnown(string? role) => role is Viewer or Operator;
}
