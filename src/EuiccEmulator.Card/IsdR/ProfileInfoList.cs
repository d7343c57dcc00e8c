using System.Formats.Asn1;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Messages;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR;

/// <summary>Answers a ProfileInfoListRequest: GetProfilesInfo and the SGP.32 listProfileInfo PSMO share it.</summary>
// SGP.22 §5.7.15; SGP.32 §2.11.1.1.3 listProfileInfo
internal static class ProfileInfoList
{
    private const int IncorrectInputValues = 1;

    public static byte[] Answer(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        Func<ProfileRecord, bool> filter = _ => true;
        HashSet<int>? tagList = null;
        while (contents.HasData)
        {
            var tag = contents.PeekTag();
            if (tag.HasSameClassAndValue(Tags.Ctx(0)))
            {
                if (!TryReadCriteria(contents, out filter)) return Es10Codec.ChoiceError(request.Tag, IncorrectInputValues);
            }
            else if (tag.HasSameClassAndValue(Tags.App(28)))
            {
                if (!TryReadTagList(contents.ReadOctetString(Tags.App(28)), out tagList))
                    return Es10Codec.ChoiceError(request.Tag, IncorrectInputValues);
            }
            else
            {
                Es10Codec.SkipUnknown(contents);
            }
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
        {
            foreach (var profile in context.Engine.Profiles.Where(filter))
                ProfileInfoCodec.Write(writer, profile, tagList);
        }
        return writer.Encode();
    }

    private static bool TryReadCriteria(AsnReader contents, out Func<ProfileRecord, bool> filter)
    {
        filter = _ => false;
        var criteria = contents.ReadSequence(Tags.Ctx(0, constructed: true));
        if (!criteria.HasData) return false;
        var tag = criteria.PeekTag();
        if (tag.HasSameClassAndValue(Tags.Ctx(21)))
        {
            var value = criteria.ReadInteger(Tags.Ctx(21));
            if (value < 0 || value > 2) return false;
            var profileClass = (ProfileClass)(int)value;
            filter = p => p.ProfileClass == profileClass;
        }
        else if (tag.HasSameClassAndValue(Es10Codec.IsdpAidTag) || tag.HasSameClassAndValue(Es10Codec.IccidTag))
        {
            ProfileSelector selector;
            try
            {
                selector = Es10Codec.ReadProfileSelector(criteria);
            }
            catch (CardException)
            {
                return false;
            }
            filter = selector.Matches;
        }
        else
        {
            return false;
        }
        return !criteria.HasData;
    }

    // The tag list is a plain concatenation of BER tags (one to three bytes each).
    private static bool TryReadTagList(ReadOnlySpan<byte> bytes, out HashSet<int>? tags)
    {
        tags = [];
        while (!bytes.IsEmpty)
        {
            if (!Asn1Tag.TryDecode(bytes, out var tag, out var used)) return false;
            tags.Add(Tags.WireTag(tag));
            bytes = bytes[used..];
        }
        return true;
    }
}
