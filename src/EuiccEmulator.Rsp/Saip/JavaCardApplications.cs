using System.Formats.Asn1;

namespace EuiccEmulator.Rsp.Saip;

/// <summary>A Java Card load package a profile carries (PE-Application loadBlock).</summary>
internal sealed record JavaCardLoadPackage(byte[] Aid, byte[]? SecurityDomainAid, int LoadBlockLength, byte[]? Hash);

/// <summary>An application instance a profile carries (PE-Application instanceList).</summary>
internal sealed record JavaCardInstance(byte[] PackageAid, byte[] ClassAid, byte[] InstanceAid, byte[] Privileges, byte LifeCycleState);

/// <summary>
/// The Java Card applications of a profile package, as its PE-Application elements declare them: the card keeps them
/// with the profile and lists them; it does not run them.
/// </summary>
// SAIP v3.3.1 PEDefinitions PE-Application, ApplicationLoadPackage, ApplicationInstance (module AUTOMATIC TAGS:
// app-Header [0], loadBlock [1], instanceList [2]; the inner types carry their own tags).
internal static class JavaCardApplications
{
    private static readonly Asn1Tag Aid = new(TagClass.Application, 15);

    /// <summary>Every load package and instance of the package's PE-Application elements, in package order.</summary>
    /// <exception cref="SaipException">The package or a PE-Application is not well-formed.</exception>
    public static (IReadOnlyList<JavaCardLoadPackage> Packages, IReadOnlyList<JavaCardInstance> Instances) Read(ReadOnlySpan<byte> package)
    {
        var packages = new List<JavaCardLoadPackage>();
        var instances = new List<JavaCardInstance>();
        foreach (var pe in ProfileElementReader.ReadAll(package))
        {
            if (pe.Tag != (int)ProfileElementType.Application) continue;
            try
            {
                Read(pe, packages, instances);
            }
            catch (AsnContentException e)
            {
                throw new SaipException(new SaipError(PeStatusCode.BadValues, pe.Identification, pe.Tag, pe.Offset, e.Message));
            }
        }
        return (packages, instances);
    }

    private static void Read(ProfileElement pe, List<JavaCardLoadPackage> packages, List<JavaCardInstance> instances)
    {
        var reader = new AsnReader(pe.Content, AsnEncodingRules.BER);
        while (reader.HasData)
        {
            var tag = reader.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific)
            {
                reader.ReadEncodedValue();
                continue;
            }
            switch (tag.TagValue)
            {
                case 1:
                    packages.Add(LoadPackage(reader.ReadSequence(tag)));
                    break;
                case 2:
                    var list = reader.ReadSequence(tag);
                    while (list.HasData) instances.Add(Instance(list.ReadSequence()));
                    break;
                default:
                    reader.ReadEncodedValue();
                    break;
            }
        }
    }

    private static JavaCardLoadPackage LoadPackage(AsnReader load)
    {
        var aid = load.ReadOctetString(Aid);
        byte[]? sd = null, hash = null;
        var blockLength = -1;
        while (load.HasData)
        {
            var tag = load.PeekTag();
            if (tag == Aid) sd = load.ReadOctetString(Aid);
            else if (tag.TagClass == TagClass.Private && tag.TagValue == 1) hash = load.ReadOctetString(tag);
            else if (tag.TagClass == TagClass.Private && tag.TagValue == 4) blockLength = load.ReadOctetString(tag).Length;
            else load.ReadEncodedValue();
        }
        if (blockLength < 0) throw new AsnContentException("loadBlockObject [PRIVATE 4] is missing");
        return new JavaCardLoadPackage(aid, sd, blockLength, hash);
    }

    private static JavaCardInstance Instance(AsnReader instance)
    {
        var package = instance.ReadOctetString(Aid);
        var classAid = instance.ReadOctetString(Aid);
        var instanceAid = instance.ReadOctetString(Aid);
        if (instance.PeekTag() == Aid) instance.ReadOctetString(Aid); // extraditeSecurityDomainAID
        var privileges = instance.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 2));
        byte state = 0x07; // DEFAULT '07'H: SELECTABLE
        if (instance.HasData && instance.PeekTag() == new Asn1Tag(TagClass.ContextSpecific, 3))
        {
            var value = instance.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 3));
            if (value.Length != 1) throw new AsnContentException("lifeCycleState is not one byte");
            state = value[0];
        }
        return new JavaCardInstance(package, classAid, instanceAid, privileges, state);
    }
}
