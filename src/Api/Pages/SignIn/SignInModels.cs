namespace GemScheduling.Api.Pages.SignIn;

public sealed record SignInPageModel(string ReturnUrl, string? Error, string AntiforgeryField, string AntiforgeryToken);

/// <summary>Who is signed in, or why a page refused them, with where they can go.</summary>
public sealed record SessionPageModel(string Title, string Text, IReadOnlyList<(string Href, string Text)> Links, string AntiforgeryField, string AntiforgeryToken);
