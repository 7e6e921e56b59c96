using System.Xml.Linq;
using GemScheduling.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GemScheduling.Api.Hosting.DataProtection;

/// <summary>
/// One data-protection key ring for the whole cluster. Anti-forgery tokens and session cookies are protected with it,
/// and behind a round-robin load balancer the replica that checks one is rarely the replica that made it. In production
/// the keys live in PostgreSQL, encrypted with the master key (a database dump alone does not reveal them); the
/// embedded default is one process and keeps ASP.NET Core's own per-machine ring.
/// </summary>
internal static class SharedKeyRing
{
    private const string Purpose = "gemscheduling/data-protection-keys/v1";

    public static WebApplicationBuilder AddSharedKeyRing(this WebApplicationBuilder builder, bool embedded)
    {
        builder.Services.AddDataProtection().SetApplicationName("GemScheduling");
        if (embedded)
            return builder;
        builder.Services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource, CredentialProtector>((o, database, protector) =>
        {
            o.XmlRepository = new PostgresKeyRepository(database);
            o.XmlEncryptor = new MasterKeyXmlEncryptor(protector);
        });
        return builder;
    }

    /// <summary>Keys as rows; the ring is read at start and about daily, so the synchronous interface costs nothing.</summary>
    private sealed class PostgresKeyRepository(NpgsqlDataSource database) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var command = database.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at");
            using var reader = command.ExecuteReader();
            var keys = new List<XElement>();
            while (reader.Read())
                keys.Add(XElement.Parse(reader.GetString(0)));
            return keys;
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var command = database.CreateCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING");
            command.Parameters.AddWithValue("name", friendlyName);
            command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
            command.ExecuteNonQuery();
        }
    }

    private sealed class MasterKeyXmlEncryptor(CredentialProtector protector) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement) => new(
            new XElement("encryptedKey", new XElement("value", protector.Protect(Purpose, plaintextElement.ToString(SaveOptions.DisableFormatting)))),
            typeof(MasterKeyXmlDecryptor));
    }

    /// <summary>Made by the key manager through its (IServiceProvider) constructor, as ASP.NET Core makes every decryptor.</summary>
    internal sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement) =>
            XElement.Parse(services.GetRequiredService<CredentialProtector>().Unprotect(Purpose, (string)encryptedElement.Element("value")!));
    }
}
