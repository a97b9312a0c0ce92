namespace NetDashboard.Access;

/// <summary>
/// <c>dotnet NetDashboard.dll hash-password</c>: reads one password from standard input (never from the command line,
/// where <c>ps</c> and shell history would keep it) and prints its hash for <c>NetDashboard:Auth:Users:N:PasswordHash</c>.
/// </summary>
public static class PasswordHashCommand
{
    public const string Argument = "hash-password";

    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        if (!Console.IsInputRedirected)
        {
            error.WriteLine("Type the password, then Enter (it is not shown):");
        }
        var password = ReadPassword(input);
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("No password was given on standard input: nothing to hash.");
            return 2;
        }
        if (password.Length < 8)
        {
            error.WriteLine("That password is shorter than 8 characters: choose a longer one.");
            return 2;
        }
        output.WriteLine(PasswordHashes.Hash(password));
        return 0;
    }

    /// <summary>One line; typed at a terminal, without echo.</summary>
    private static string? ReadPassword(TextReader input)
    {
        if (Console.IsInputRedirected || !ReferenceEquals(input, Console.In))
        {
            return input.ReadLine();
        }
        var typed = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
        return typed.ToString();
    }
}
