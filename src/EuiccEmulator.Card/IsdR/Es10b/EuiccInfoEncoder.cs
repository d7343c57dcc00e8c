using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Saip;

namespace EuiccEmulator.Card.IsdR.Es10b;

/// <summary>EUICCInfo1 and EUICCInfo2: GetEUICCInfo1/2 answer them, AuthenticateServer signs EUICCInfo2.</summary>
// SGP.22 §5.7.8; SGP.32 §5.9.2
internal static class EuiccInfoEncoder
{
    // SAIP v3.3.1 is the base profile package version this card installs.
    private static readonly byte[] ProfileVersion = [3, 3, 1];
    private static readonly byte[] FirmwareVersion = [1, 0, 0];
    private static readonly byte[] Ts102241Version = [9, 2, 0];
    private static readonly byte[] GlobalPlatformVersion = [2, 3, 0];
    private static readonly byte[] ProtectionProfileVersion = [1, 0, 0];
    private const string SasAccreditationNumber = "EUICC-EMULATOR-TEST";

    /// <summary>Writes EUICCInfo1 (BF20): svn and the CI key identifiers for verification and signing.</summary>
    public static void WriteInfo1(AsnWriter writer, Asn1Tag tag, IsdRContext context)
    {
        using (writer.PushSequence(tag))
        {
            writer.WriteOctetString(context.Options.Svn, Tags.Ctx(2));
            WriteSkiList(writer, Tags.Ctx(9, constructed: true), context.Ecasd.VerificationCiSkis);
            WriteSkiList(writer, Tags.Ctx(10, constructed: true), context.Ecasd.SigningCiSkis);
        }
    }

    private static void WriteSkiList(AsnWriter writer, Asn1Tag tag, IEnumerable<ReadOnlyMemory<byte>> skis)
    {
        using (writer.PushSequence(tag))
        {
            foreach (var ski in skis) writer.WriteOctetString(ski.Span);
        }
    }

    /// <summary>Writes EUICCInfo2 (BF22), with the SGP.32 fields when <paramref name="iot"/> is set.</summary>
    public static void WriteInfo2(AsnWriter writer, IsdRContext context, bool iot)
    {
        using (writer.PushSequence(Tags.Ctx(34, constructed: true)))
        {
            writer.WriteOctetString(ProfileVersion, Tags.Ctx(1));
            writer.WriteOctetString(context.Options.Svn, Tags.Ctx(2));
            writer.WriteOctetString(FirmwareVersion, Tags.Ctx(3));
            writer.WriteOctetString(ExtCardResource(context), Tags.Ctx(4));
            writer.WriteEncodedValue(UiccCapabilityDo);
            writer.WriteOctetString(Ts102241Version, Tags.Ctx(6));
            writer.WriteOctetString(GlobalPlatformVersion, Tags.Ctx(7));
            writer.WriteEncodedValue(RspCapabilitiesDo);
            WriteSkiList(writer, Tags.Ctx(9, constructed: true), context.Ecasd.VerificationCiSkis);
            WriteSkiList(writer, Tags.Ctx(10, constructed: true), context.Ecasd.SigningCiSkis);
            writer.WriteOctetString(ProtectionProfileVersion);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, SasAccreditationNumber);
            if (iot)
            {
                // SGP.32 §5.9.2: ipaMode (IPAd active) and iotSpecificInfo.
                writer.WriteInteger(0, Tags.Ctx(16));
                using (writer.PushSequence(Tags.Ctx(20, constructed: true)))
                {
                    using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
                        writer.WriteOctetString(Sgp32Versions.VersionType(context.Options.Sgp32Version));
                    // v1.0 IoTSpecificInfo has iotVersion only (SGP.32 v1.0 §5.9.2); v1.2 adds the two mechanisms.
                    if (!context.Options.IsV10)
                    {
                        writer.WriteNull(Tags.Ctx(1)); // ecallSupported
                        writer.WriteNull(Tags.Ctx(2)); // fallbackSupported
                    }
                }
            }
        }
    }

    // ETSI TS 102 226 §8.2.1.7.2: 81 installed applications, 82 free non-volatile memory, 83 free volatile memory.
    private static byte[] ExtCardResource(IsdRContext context)
    {
        var used = context.Engine.Profiles.Sum(p => (long)p.PackageSize);
        var free = (uint)Math.Clamp(context.Options.ProfileMemory - used, 0, uint.MaxValue);
        var installed = (byte)Math.Min(context.Engine.Profiles.Count, 255);
        return
        [
            0x81, 0x01, installed,
            0x82, 0x04, (byte)(free >> 24), (byte)(free >> 16), (byte)(free >> 8), (byte)free,
            0x83, 0x02, 0x10, 0x00,
        ];
    }

    // SAIP v3.3.1 UICCCapability: what the profile installer accepts (SaipCapabilities, the one table), bit by bit.
    private static readonly UiccCapabilities UiccCapability = FromServices(SaipCapabilities.Default);

    // Encoded once: AsnWriter.WriteNamedBitList reflects over the enum type on every call (a tenth of AuthenticateServer).
    private static readonly byte[] UiccCapabilityDo = NamedBitList(UiccCapability, Tags.Ctx(5));
    private static readonly byte[] RspCapabilitiesDo = NamedBitList(RspCapabilities, Tags.Ctx(8));

    private static byte[] NamedBitList(Enum bits, Asn1Tag tag)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteNamedBitList(bits, tag);
        return writer.Encode();
    }

    private static UiccCapabilities FromServices(SaipCapabilities capabilities)
    {
        var bits = capabilities.IotMinimal ? UiccCapabilities.IotMinimal : 0;
        foreach (var service in capabilities.Services)
        {
            bits |= service switch
            {
                SaipService.Contactless => UiccCapabilities.ContactlessSupport,
                SaipService.Usim => UiccCapabilities.UsimSupport,
                SaipService.Isim => UiccCapabilities.IsimSupport,
                SaipService.Csim => UiccCapabilities.CsimSupport,
                SaipService.Milenage => UiccCapabilities.AkaMilenage,
                SaipService.Cave => UiccCapabilities.AkaCave,
                SaipService.Tuak128 => UiccCapabilities.AkaTuak128,
                SaipService.Tuak256 => UiccCapabilities.AkaTuak256,
                SaipService.UsimTestAlgorithm => UiccCapabilities.UsimTestAlgorithm,
                SaipService.GbaUsim => UiccCapabilities.GbaAuthenUsim,
                SaipService.GbaIsim => UiccCapabilities.GbaAuthenISim,
                SaipService.Mbms => UiccCapabilities.MbmsAuthenUsim,
                SaipService.Eap => UiccCapabilities.EapClient,
                SaipService.Javacard => UiccCapabilities.Javacard,
                SaipService.Multos => UiccCapabilities.Multos,
                SaipService.MultipleUsim => UiccCapabilities.MultipleUsimSupport,
                SaipService.MultipleIsim => UiccCapabilities.MultipleIsimSupport,
                SaipService.MultipleCsim => UiccCapabilities.MultipleCsimSupport,
                SaipService.BerTlv => UiccCapabilities.BerTlvFileSupport,
                SaipService.DfLink => UiccCapabilities.DfLinkSupport,
                SaipService.CatTp => UiccCapabilities.CatTp,
                SaipService.GetIdentity => UiccCapabilities.GetIdentity,
                SaipService.ProfileAX25519 => UiccCapabilities.ProfileAX25519,
                SaipService.ProfileBP256 => UiccCapabilities.ProfileBP256,
                SaipService.SuciCalculatorApi => UiccCapabilities.SuciCalculatorApi,
                _ => 0, // services UICCCapability has no bit for in this encoder
            };
        }

        return bits;
    }

    // SGP.22 RspCapability: no CRL and no RPM support.
    private const RspCapability RspCapabilities =
        RspCapability.AdditionalProfile | RspCapability.TestProfileSupport
        | RspCapability.DeviceInfoExtensibilitySupport | RspCapability.ServiceSpecificDataSupport;

    [Flags]
    private enum RspCapability
    {
        AdditionalProfile = 1 << 0,
        CrlSupport = 1 << 1,
        RpmSupport = 1 << 2,
        TestProfileSupport = 1 << 3,
        DeviceInfoExtensibilitySupport = 1 << 4,
        ServiceSpecificDataSupport = 1 << 5,
    }

    [Flags]
    private enum UiccCapabilities : uint
    {
        ContactlessSupport = 1u << 0,
        UsimSupport = 1u << 1,
        IsimSupport = 1u << 2,
        CsimSupport = 1u << 3,
        AkaMilenage = 1u << 4,
        AkaCave = 1u << 5,
        AkaTuak128 = 1u << 6,
        AkaTuak256 = 1u << 7,
        UsimTestAlgorithm = 1u << 8,
        GbaAuthenUsim = 1u << 10,
        GbaAuthenISim = 1u << 11,
        MbmsAuthenUsim = 1u << 12,
        EapClient = 1u << 13,
        Javacard = 1u << 14,
        Multos = 1u << 15,
        MultipleUsimSupport = 1u << 16,
        MultipleIsimSupport = 1u << 17,
        MultipleCsimSupport = 1u << 18,
        BerTlvFileSupport = 1u << 19,
        DfLinkSupport = 1u << 20,
        CatTp = 1u << 21,
        GetIdentity = 1u << 22,
        ProfileAX25519 = 1u << 23,
        ProfileBP256 = 1u << 24,
        SuciCalculatorApi = 1u << 25,
        IotMinimal = 1u << 31,
    }
}
