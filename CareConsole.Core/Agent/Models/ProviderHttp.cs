using System.Globalization;
using System.Net;
using System.Text.Json;

namespace CareConsole.Core.Agent.Models;

/// <summary>
/// Sends one request to a model provider and reads its JSON answer, turning every way that can go wrong into a
/// <see cref="ChatProviderException"/> so the agent has a single failure to handle.
/// </summary>
/// <remarks>
/// The Gemini adapters send through <see cref="SendAsync"/>; the OpenAI adapters, whose requests the OpenAI SDK sends,
/// word their failures with the same helpers so a log reads alike whichever provider failed.
/// </remarks>
internal static class ProviderHttp
{
    // Enough to show what the provider objected to without pasting a whole HTML error page into a log line.
    private const int MaxErrorTextLength = 500;

    /// <summary>Sends <paramref name="request"/> and returns the root of the JSON object it answers with.</summary>
    /// <param name="secret">The API key, removed from any text that ends up in an exception message.</param>
    public static async Task<JsonElement> SendAsync(
        HttpClient http, HttpRequestMessage request, string provider, string? secret, CancellationToken cancellationToken)
    {
        HttpStatusCode status;
        string body;
        try
        {
            // The default completion option buffers the whole body, so HttpClient.Timeout covers reading it too.
            using var response = await http.SendAsync(request, cancellationToken);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            // Not the caller's token, so it is HttpClient's own timeout.
            throw TimedOut(provider, http, e);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(provider, e, secret);
        }

        var code = (int)status;
        if (code is < 200 or >= 300)
        {
            throw Failed(provider, code, body, secret);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(provider, "a JSON object");
            }
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw NotJson(provider, e);
        }
    }

    /// <summary>The failure for a call that HttpClient gave up on after its <see cref="HttpClient.Timeout"/>.</summary>
    public static ChatProviderException TimedOut(string provider, HttpClient http, OperationCanceledException e)
    {
        var seconds = http.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        return new ChatProviderException(provider, $"no answer within {seconds} s", e);
    }

    /// <summary>The failure for a provider that could not be connected to.</summary>
    public static ChatProviderException Unreachable(string provider, HttpRequestException e, string? secret) =>
        new(provider, $"could not be reached: {Redact(e.Message, secret)}", e);

    /// <summary>The failure for an answer with a status outside 2xx, carrying the provider's own explanation.</summary>
    public static ChatProviderException Failed(string provider, int code, string body, string? secret)
    {
        var status = (HttpStatusCode)code;
        if (status == HttpStatusCode.TooManyRequests || code >= 500)
        {
            return new ChatProviderException(provider, $"answered {code} {status}: {ErrorText(body, secret)}");
        }
        // A bad key, an unknown model or a request the provider will not take: retrying cannot help, so the
        // message carries the provider's own words for whoever reads the log.
        return new ChatProviderException(provider, $"refused the request with {code} {status}: {ErrorText(body, secret)}");
    }

    /// <summary>The failure for an answer whose body does not parse as JSON.</summary>
    public static ChatProviderException NotJson(string provider, JsonException e) =>
        new(provider, "answered with a body that is not JSON", e);

    /// <summary>The failure for an answer that parsed but is not shaped like a reply.</summary>
    public static ChatProviderException Malformed(string provider, string missing) =>
        new(provider, $"answered without {missing}");

    /// <summary>
    /// The provider's explanation from an error body: OpenAI, Gemini, Groq and vLLM use <c>error.message</c>, others
    /// a bare <c>error</c>, <c>message</c> or <c>detail</c> string; anything else is shown as it came.
    /// </summary>
    internal static string ErrorText(string body, string? secret)
    {
        var text = ErrorMessageFromJson(body) ?? body.Trim();
        if (text.Length == 0)
        {
            text = "(empty body)";
        }
        else if (text.Length > MaxErrorTextLength)
        {
            text = string.Concat(text.AsSpan(0, MaxErrorTextLength), "…");
        }
        return Redact(text, secret);
    }

    private static string? ErrorMessageFromJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString();
                }
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message)
                    && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString();
                }
            }
            foreach (var name in (ReadOnlySpan<string>)["message", "detail"])
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The text with the API key taken out.</summary>
    internal static string Redact(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "[redacted]", StringComparison.Ordinal);
}
