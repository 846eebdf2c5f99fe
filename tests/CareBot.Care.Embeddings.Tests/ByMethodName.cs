using Xunit.Abstractions;
using Xunit.Sdk;

namespace CareBot.Care.Embeddings.Tests;

/// <summary>
/// Runs a class's tests in the order of their method names. <see cref="TriageEmbeddingsTests"/> needs it: whether
/// MiniLM is loaded can only be asked of a process before anything has loaded it.
/// </summary>
public sealed class ByMethodName : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(test => test.TestMethod.Method.Name, StringComparer.Ordinal);
}
