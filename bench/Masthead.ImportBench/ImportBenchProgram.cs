using System.Diagnostics;
using Masthead.ImportBench;
using Masthead.Import;

// The import benchmark's tool (bench/import.sh): writes seeded, realistic export files, and reads a members CSV
// through GhostMembers as an import would. A bench tool, not a Masthead command, so the product carries no benchmark code.
//
//   wordpress COUNT FILE [SEED]   a WordPress WXR 1.2 export of COUNT posts (plus pages, attachments, comments)
//   ghost COUNT FILE [SEED]       a Ghost 5 JSON export of COUNT posts (plus pages)
//   members COUNT FILE [SEED]     a Ghost members CSV of COUNT members
//   read-members FILE             reads FILE with GhostMembers.Read; prints the members read, the seconds and the report
const string Usage = "usage: Masthead.ImportBench wordpress|ghost|members COUNT FILE [SEED] | read-members FILE";

if (args is ["read-members", var membersFile])
{
    var report = new ImportReport();
    var timer = Stopwatch.StartNew();
    var members = 0;
    var subscribed = 0;
    foreach (var member in GhostMembers.Read(membersFile, report))
    {
        members++;
        subscribed += member.SubscribedToEmails ? 1 : 0;
    }

    Console.WriteLine($"members {members} subscribed {subscribed} seconds {timer.Elapsed.TotalSeconds:F2}");
    foreach (var line in report.Lines())
    {
        Console.WriteLine(line);
    }

    return 0;
}

if (args.Length is < 3 or > 4 || !int.TryParse(args[1], out var count) || count < 1)
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

var seed = args.Length == 4 && int.TryParse(args[3], out var given) ? given : 20261203;
await using var output = new FileStream(args[2], FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
switch (args[0])
{
    case "wordpress":
        await WordPressFile.WriteAsync(output, count, seed);
        break;
    case "ghost":
        GhostFile.Write(output, count, seed);
        break;
    case "members":
        await MembersFile.WriteAsync(output, count, seed);
        break;
    default:
        await Console.Error.WriteLineAsync(Usage);
        return 2;
}

return 0;
