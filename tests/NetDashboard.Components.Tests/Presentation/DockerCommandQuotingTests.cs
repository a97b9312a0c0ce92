using NetDashboard.Components.Presentation;
using NetDashboard.Core.Building;
using NetDashboard.TestSupport;

namespace NetDashboard.Components.Tests.Presentation;

/// <summary>
/// The copyable docker commands quote hostile names so a POSIX shell reads each back as one literal word: the quoted
/// word is handed to <c>/bin/sh -c 'printf %s WORD'</c> and what it prints must be the name, byte for byte.
/// </summary>
public sealed class DockerCommandQuotingTests
{
    public static TheoryData<string> HostileWords() =>
    [
        "$(touch /tmp/nd-pwned)",
        "`id`",
        "a'b",
        "it's \"quoted\"",
        "line1\nline2",
        "semi; rm -rf /tmp/nd-x",
        "pipe | cat && echo x || true",
        "$HOME ${PATH} $((1+1))",
        "back\\slash \\' \\n",
        "glob * ? [a-z]",
        "<img src=x onerror=alert(1)>",
        "\u202Eevil\u202C tab\there",
        "-n",
        "",
        "web-01_a.b:c@d%e+f=g,h/i",
    ];

    [Theory]
    [MemberData(nameof(HostileWords))]
    public async Task A_quoted_word_is_printed_back_literally_by_sh(string word)
    {
        var quoted = DockerCommands.Quote(word);
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("/bin/sh", ["-c", "printf %s " + quoted], TimeSpan.FromSeconds(20));
        Assert.True(exit == 0, $"sh failed for {quoted}: {stderr}");
        Assert.Equal(word, stdout);
        Assert.False(File.Exists("/tmp/nd-pwned"));
    }

    [Fact]
    public async Task A_hostile_container_name_stays_one_argument_of_every_command()
    {
        const string name = "x$(echo INJECTED)`echo INJECTED`'\"\n;echo INJECTED";
        var web = TopologyBuilder.Build([TestTopology.Connected()], 1, DateTimeOffset.UnixEpoch).FindContainer("web")!;
        var container = web with { Name = name };
        foreach (var command in DockerCommands.ForContainer(container, host: null))
        {
            // Replace the command's program with printf so the shell shows how it split the line.
            var line = "printf '[%s]' " + command.Command[(command.Command.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            if (command.Command.StartsWith("nsenter", StringComparison.Ordinal) || !command.Command.Contains(DockerCommands.Quote(name), StringComparison.Ordinal))
            {
                continue; // nsenter's $(docker inspect …) runs docker by design (its name is quoted like the rest); the veth ones name no container
            }
            var (exit, stdout, stderr) = await ProcessRunner.RunAsync("/bin/sh", ["-c", line], TimeSpan.FromSeconds(20));
            Assert.True(exit == 0, $"sh failed for {line}: {stderr}");
            Assert.DoesNotContain("INJECTED]", stdout.Replace(name, "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("[" + name + "]", stdout, StringComparison.Ordinal);
        }
    }
}
