namespace CareConsole.Core.Agent.Models;

/// <summary>Which model answers customers: <c>Ai:Provider</c> is Offline (default), Gemini or OpenAI.</summary>
public enum ModelProvider
{
    Offline,
    Gemini,
    OpenAI,
}

/// <summary><c>Ai:Gemini</c>: Google's generateContent REST API.</summary>
/// <param name="ApiKey">Sent as the x-goog-api-key header.</param>
/// <param name="Model">For example gemini-2.5-flash.</param>
/// <param name="BaseUrl">The API root up to and including the version, e.g. https://generativelanguage.googleapis.com/v1beta.</param>
public sealed record GeminiSettings(string ApiKey, string Model = "gemini-2.5-flash", string BaseUrl = "https://generativelanguage.googleapis.com/v1beta");

/// <summary><c>Ai:OpenAI</c>: any server with an OpenAI-compatible /chat/completions (OpenAI, Groq, Ollama, vLLM, llama.cpp).</summary>
/// <param name="BaseUrl">The API root up to and including the version, e.g. https://api.openai.com/v1 or http://localhost:11434/v1.</param>
/// <param name="ApiKey">Sent as a Bearer token; local servers usually accept any value or none.</param>
/// <param name="Model">For example gpt-4o-mini, llama-3.1-8b-instant, qwen2.5:7b.</param>
public sealed record OpenAISettings(string BaseUrl, string? ApiKey, string Model);
