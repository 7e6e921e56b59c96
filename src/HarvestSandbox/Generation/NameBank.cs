using System.Globalization;
using System.Text;

namespace GemScheduling.HarvestSandbox.Generation;

/// <summary>Word lists for plausible people, companies and places.</summary>
internal static class NameBank
{
    public static readonly string[] FirstNames =
    [
        "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Isabella", "James", "Ava", "William",
        "Mia", "Benjamin", "Evelyn", "Lucas", "Harper", "Henry", "Camila", "Theodore", "Gianna", "Jack", "Abigail", "Levi",
        "Luna", "Alexander", "Ella", "Jackson", "Elizabeth", "Mateo", "Sofia", "Daniel", "Emily", "Michael", "Avery", "Mason",
        "Mila", "Sebastian", "Aria", "Ethan", "Scarlett", "Logan", "Penelope", "Owen", "Layla", "Samuel", "Chloe", "Jacob",
        "Victoria", "Asher", "Madison", "Aiden", "Eleanor", "John", "Grace", "Joseph", "Nora", "Wyatt", "Riley", "David",
        "Zoey", "Leo", "Hannah", "Luke", "Hazel", "Julian", "Lily", "Hudson", "Ellie", "Grayson", "Violet", "Matthew",
        "Priya", "Arjun", "Aisha", "Omar", "Mei", "Wei", "Yuki", "Hiroshi", "Fatima", "Mohammed", "Ana", "Diego",
        "Lucía", "José", "Chiara", "Matteo", "Ingrid", "Lars", "Zainab", "Kwame", "Amara", "Chidi", "Anya", "Dmitri",
        "Siobhán", "Ciarán", "Noor", "Rahul", "Ji-woo", "Min-jun", "Thandiwe", "Tomás", "Björn", "Élodie",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
        "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
        "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen",
        "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
        "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Shah", "Kim", "Park", "Chen", "Wang", "Li",
        "Zhang", "Tanaka", "Sato", "Suzuki", "Okafor", "Mensah", "Adeyemi", "Kowalski", "Nowak", "Schmidt", "Müller",
        "Schneider", "Fischer", "Rossi", "Russo", "Bianchi", "Dubois", "Lefebvre", "Moreau", "Andersson", "Johansson",
        "Nielsen", "Hansen", "O'Brien", "Murphy", "Kelly", "Byrne", "Silva", "Santos", "Oliveira", "Costa", "Ivanova",
        "Petrov", "Haddad", "Khan", "Hussain", "Gupta", "Iyer", "Reddy", "Singh", "Cohen", "Levy", "Friedman", "Novak",
    ];

    public static readonly string[] Companies =
    [
        "Acme Robotics", "Globex Health", "Initech Labs", "Umbrella Analytics", "Stark Logistics", "Wayne Fintech",
        "Hooli Cloud", "Pied Piper Data", "Vandelay Imports", "Cyberdyne Systems", "Tyrell Biotech", "Wonka Confections",
        "Oscorp Energy", "Massive Dynamic", "Aperture Science", "Soylent Foods", "Gringotts Payments", "Monarch Mobility",
    ];

    public static readonly string[] CandidateCompanies =
    [
        "Northwind Traders", "Contoso", "Fabrikam", "Tailspin Toys", "Adventure Works", "Litware", "Proseware",
        "Wide World Importers", "Blue Yonder Airlines", "Coho Winery", "Fourth Coffee", "Lucerne Publishing",
        "Margie's Travel", "Trey Research", "Alpine Ski House", "Woodgrove Bank", "Humongous Insurance", "Graphic Design Institute",
    ];

    public static readonly string[] CandidateTitles =
    [
        "Software Engineer", "Senior Software Engineer", "Product Manager", "Data Analyst", "Account Executive",
        "Designer", "Engineering Manager", "Customer Success Manager", "Marketing Specialist", "Financial Analyst",
        "Recruiter", "Operations Manager", "QA Engineer", "Site Reliability Engineer", "Data Scientist", "Student",
    ];

    public static readonly string[] PersonalDomains = ["mailbox.example", "inbox.example", "post.example", "letters.example", "webmail.example"];

    public static readonly (string City, string Location, int Region)[] Cities =
    [
        ("New York", "New York, United States", 0), ("San Francisco", "San Francisco, United States", 0),
        ("London", "London, United Kingdom", 1), ("Berlin", "Berlin, Germany", 1), ("Toronto", "Toronto, Canada", 0),
        ("Singapore", "Singapore, Singapore", 2), ("Austin", "Austin, United States", 0), ("Dublin", "Dublin, Ireland", 1),
        ("Sydney", "Sydney, Australia", 2), ("Tokyo", "Tokyo, Japan", 2), ("São Paulo", "São Paulo, Brazil", 0),
        ("Bengaluru", "Bengaluru, India", 2), ("Paris", "Paris, France", 1), ("Amsterdam", "Amsterdam, Netherlands", 1),
        ("Chicago", "Chicago, United States", 0), ("Seattle", "Seattle, United States", 0), ("Denver", "Denver, United States", 0),
        ("Boston", "Boston, United States", 0), ("Madrid", "Madrid, Spain", 1), ("Stockholm", "Stockholm, Sweden", 1),
    ];

    public static readonly string[] Regions = ["Americas", "EMEA", "APAC"];

    public static readonly string[] Departments =
    [
        "Engineering", "Product", "Design", "Sales", "Marketing", "Customer Success", "Finance", "People", "Operations", "Legal",
    ];

    public static readonly string[] SubDepartments =
    [
        "Platform", "Frontend", "Data", "Security", "Mobile", "Enterprise", "Mid-Market", "Growth", "Brand", "Support",
    ];

    /// <summary>Role names per department (same order as <see cref="Departments"/>).</summary>
    public static readonly string[][] Roles =
    [
        ["Software Engineer", "Backend Engineer", "Frontend Engineer", "Site Reliability Engineer", "Data Engineer", "Engineering Manager", "Security Engineer"],
        ["Product Manager", "Technical Product Manager", "Product Analyst"],
        ["Product Designer", "UX Researcher", "Brand Designer"],
        ["Account Executive", "Sales Development Representative", "Solutions Engineer"],
        ["Content Marketing Manager", "Growth Marketer", "Product Marketing Manager"],
        ["Customer Success Manager", "Support Specialist", "Implementation Consultant"],
        ["Financial Analyst", "Accountant", "Controller"],
        ["Recruiter", "Recruiting Coordinator", "People Partner"],
        ["Operations Manager", "Business Analyst", "Program Manager"],
        ["Legal Counsel", "Paralegal", "Privacy Counsel"],
    ];

    public static readonly string[] Levels = ["", "", "", "Senior ", "Senior ", "Staff ", "Principal ", "Junior ", "Lead "];

    public static readonly string[] Tags = ["Python", "Java", "Go", "Leadership", "Referral", "Silver Medalist", "Remote", "Relocation", "Diversity Sourcing"];

    public static readonly string[] Addresses =
    [
        "New York, New York, USA", "San Francisco, California, USA", "Austin, Texas, USA", "London, United Kingdom",
        "Berlin, Germany", "Toronto, Ontario, Canada", "Remote",
    ];

    public static readonly string[] Sources =
    [
        "Referral", "LinkedIn", "Company Website", "Indeed", "Agency", "Happy Hour", "Conference", "Internal Applicant",
    ];

    public static readonly string[] RejectionReasons =
    [
        "Lacking skill(s)/qualification(s)", "Not a culture fit", "Hired another candidate", "Compensation expectations",
        "Candidate withdrew", "Position closed", "Did not respond",
    ];

    public static readonly string[] TimeZones =
    [
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto",
        "America/Sao_Paulo", "Europe/London", "Europe/Berlin", "Europe/Madrid", "Asia/Kolkata", "Asia/Singapore",
        "Asia/Tokyo", "Australia/Sydney",
    ];

    public static readonly string[] NoteBodies =
    [
        "Great first conversation. Strong communicator, interested in the platform team.",
        "Candidate asked to move the onsite to next week because of travel.",
        "Compensation expectations are within band.",
        "Spoke with the hiring manager: move forward to the technical round.",
        "Referral from the data team; follow up after the holidays.",
        "Needs visa sponsorship; checked with People Ops.",
    ];

    public static readonly (string Subject, string Body)[] Emails =
    [
        ("Next steps with {company}", "Hi {first},\n\nThanks for your time today. We'd love to set up the next round.\n\nBest,\n{sender}"),
        ("Your interview schedule", "Hi {first},\n\nPlease find your interview schedule below. Let me know if anything changes.\n\n{sender}"),
        ("Following up", "Hi {first},\n\nJust checking in on your availability for next week.\n\nThanks,\n{sender}"),
    ];

    public static readonly string[] KitQuestions =
    [
        "Tell me about a project you are proud of.",
        "Walk me through how you would design a URL shortener.",
        "Describe a time you disagreed with a teammate. What happened?",
        "What does a great <strong>first 90 days</strong> look like for you?",
        "How do you decide what to work on next?",
        "Is this person really a good fit?",
        "Explain a technical concept to a non-technical audience.",
    ];

    public static readonly string[] Answers =
    [
        "I heard you're awesome!", "I love the product and the mission.", "A friend on the team recommended it.",
        "I want to work on hard infrastructure problems.",
    ];

    /// <summary>Lower-case ASCII for email local parts: "José O'Brien" → "jose", "obrien".</summary>
    public static string Slug(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var c = char.ToLowerInvariant(ch);
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
            }
            else if (c is ' ' or '-' && sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        return sb.ToString().Trim('-');
    }
}
