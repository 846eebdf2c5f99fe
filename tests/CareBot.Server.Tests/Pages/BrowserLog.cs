using Xunit.Abstractions;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// Writes a browser event (a page's console line or error) to the test's output. Such events may arrive after the test
/// ended, when xunit no longer takes output: it throws InvalidOperationException, or NullReferenceException once the
/// test's output is gone. Thrown inside Playwright's event dispatch, either breaks the connection to the browser a
/// class shares, and every later test of the class fails at its first call (CI saw three fail that way).
/// </summary>
internal static class BrowserLog
{
    public static void Write(ITestOutputHelper output, string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (Exception exception) when (exception is InvalidOperationException or NullReferenceException)
        {
            // The test is over; the line has no one to go to.
        }
    }
}
