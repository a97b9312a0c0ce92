namespace NetDashboard.Access;

/// <summary>
/// What a refused request is told: the API and the hub answer 401 (with <c>WWW-Authenticate: Bearer</c>) or 403 as
/// problem+json with a sentence; a page is sent to <c>/login</c>.
/// </summary>
internal static class AccessProblems
{
    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    public static Task ChallengeAsync(HttpContext context, string redirect)
    {
        if (!IsApi(context))
        {
            context.Response.Redirect(redirect);
            return Task.CompletedTask;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required",
            detail: "This needs a signed-in user or an API token (Authorization: Bearer …).").ExecuteAsync(context);
    }

    public static Task ForbidAsync(HttpContext context, string redirect)
    {
        if (!IsApi(context))
        {
            context.Response.Redirect(LoginEndpoints.LoginPage(LoginEndpoints.ErrorDenied, context.Request.Path + context.Request.QueryString));
            return Task.CompletedTask;
        }
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Operators only",
            detail: $"Signed in as {context.User.Identity?.Name}, a viewer: this needs the operator role.").ExecuteAsync(context);
    }
}
