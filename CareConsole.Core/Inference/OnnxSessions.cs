using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace CareConsole.Core.Inference;

/// <summary>ONNX Runtime sessions as the console runs its models: one thread each, nothing sent anywhere.</summary>
public static class OnnxSessions
{
    /// <summary>
    /// A session over <paramref name="model"/> on one thread: a model scores one message or one question at a time,
    /// and must not take the machine from the conversations around it.
    /// </summary>
    public static InferenceSession OneThread(byte[] model)
    {
        DisableTelemetry();
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        return new InferenceSession(model, options);
    }

    /// <summary>A session over the model <paramref name="model"/> holds (a resource stream), on one thread.</summary>
    /// <remarks>
    /// Read into one array of the model's size: copied through a growing buffer and then into an array, the 90 MB
    /// embedding model left about 200 MB of large-object heap behind it, which the process kept (the console's RSS
    /// after embedding its help centre: 773 MB that way, 485 MB this way).
    /// </remarks>
    public static InferenceSession OneThread(Stream model)
    {
        var bytes = new byte[model.Length];
        model.ReadExactly(bytes);
        return OneThread(bytes);
    }

    /// <summary>
    /// ONNX Runtime keeps a telemetry store in the home folder unless its environment says not to, and it reads the
    /// environment of the native process (which .NET's own environment calls do not change on Unix), before the
    /// first session. A self-hosted console sends nothing anywhere.
    /// </summary>
    private static void DisableTelemetry()
    {
        Environment.SetEnvironmentVariable("ORT_DISABLE_TELEMETRY", "1");
        if (!OperatingSystem.IsWindows())
        {
            _ = SetEnvironment("ORT_DISABLE_TELEMETRY", "1", 1);
        }
    }

    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int SetEnvironment([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
