using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using CareConsole.Api;
using Microsoft.AspNetCore.Http;

namespace CareConsole.Tests.Api;

/// <summary>
/// Bodies of unknown length (chunked uploads, streaming clients) are held to the same limit as those that declare
/// one, and a body that arrives in many small pieces parses the same as one that arrives whole.
/// </summary>
public sealed class JsonBodiesTests
{
    [Fact]
    public async Task OversizedBodyWithoutALength_IsRefusedAs413()
    {
        var request = RequestArrivingInPieces("{\"text\": \"" + new string('a', JsonBodies.MaxBodyBytes) + "\"}", pieceBytes: 4096);

        var (body, error) = await JsonBodies.ReadObjectAsync(request, optional: false, TestContext.Current.CancellationToken);

        Assert.Null(request.ContentLength);
        Assert.Null(body);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, Assert.IsAssignableFrom<IStatusCodeHttpResult>(error).StatusCode);
    }

    [Fact]
    public async Task BodyArrivingInSmallPieces_ParsesWhole()
    {
        var text = "मेरा ऑर्डर कहाँ है? " + new string('x', 3000);
        var request = RequestArrivingInPieces(JsonSerializer.Serialize(new { text }), pieceBytes: 7);

        var (body, error) = await JsonBodies.ReadObjectAsync(request, optional: false, TestContext.Current.CancellationToken);

        Assert.Null(error);
        Assert.Equal(text, body!.Value.GetProperty("text").GetString());
    }

    [Fact]
    public async Task EmptyBody_IsRequiredUnlessOptional()
    {
        var (_, required) = await JsonBodies.ReadObjectAsync(RequestArrivingInPieces("", 1), optional: false, TestContext.Current.CancellationToken);
        var (body, optional) = await JsonBodies.ReadObjectAsync(RequestArrivingInPieces("", 1), optional: true, TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsAssignableFrom<IStatusCodeHttpResult>(required).StatusCode);
        Assert.Null(body);
        Assert.Null(optional);
    }

    // A request whose body is written piece by piece into a pipe by another task, with no Content-Length: the way a
    // chunked upload reaches the endpoint.
    private static HttpRequest RequestArrivingInPieces(string json, int pieceBytes)
    {
        // No pause threshold, so the writer never waits on a reader that has already given up on an oversized body.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var bytes = Encoding.UTF8.GetBytes(json);
        _ = Task.Run(async () =>
        {
            for (var offset = 0; offset < bytes.Length; offset += pieceBytes)
            {
                await pipe.Writer.WriteAsync(bytes.AsMemory(offset, Math.Min(pieceBytes, bytes.Length - offset)));
            }
            await pipe.Writer.CompleteAsync();
        });
        var context = new DefaultHttpContext();
        context.Request.Body = pipe.Reader.AsStream();
        return context.Request;
    }
}
