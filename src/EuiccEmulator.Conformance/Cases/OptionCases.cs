using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Messages;

namespace EuiccEmulator.Conformance.Cases;

/// <summary>Behaviours seen on real cards that the emulator offers as options; they run on a card configured for them.</summary>
internal static class OptionCases
{
    private const string Area = "Options";
    private const Precondition Assoc = Precondition.TrustsSgp26Ci | Precondition.EimCanBeAssociated;

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new ConformanceCase("Options.GetResponse.InterindustryClassOnly", Area,
            "a card that takes GET RESPONSE only with CLA 0X refuses 8X with 6E00 and serves 0X",
            "ISO 7816-4 §7.6.1; docs/transport.md#get-response",
                Precondition.None, ctx =>
            {
                ctx.ApduSw("00A4040C10A0000005591010FFFFFFFF8900000100", "9000");
                ctx.ApduSw("80E2910006BF3E035C015A", "6115");
                ctx.ApduSw("80C0000015", "6E00");
                ctx.ApduSw("80E2910006BF3E035C015A", "6115");
                var eid = ctx.ApduSw("00C0000015", "9000");
                CaseContext.True(eid.Length == 0x15 && eid[0] == 0xBF && eid[1] == 0x3E, "GetEID answer through the 0X GET RESPONSE");
            })
        { RequiresCard = new CardRequirement("GET RESPONSE with CLA 0X only") { GetResponseInterindustryClassOnly = true } };

        yield return new ConformanceCase("Options.Es10bLockedAfterSwitch", Area,
            "a card that refuses ES10b after an accepted profile switch answers 6985 until reset",
            "SGP.22 §5.7.2; docs/transport.md#status-words",
                Assoc | Precondition.CanReset, ctx =>
            {
                var iccid = ctx.Install(300);
                var eim = ctx.AssociateEim();
                ctx.PackageOk(eim, Psmo.Enable(iccid));
                CaseContext.Equal(0x6985, (int)ctx.Es10([0xBF, 0x2E, 0x00]).StatusWord, "GetEUICCChallenge SW after the switch");
                ctx.Reset();
                CaseContext.Equal(0x9000, (int)ctx.Es10([0xBF, 0x2E, 0x00]).StatusWord, "GetEUICCChallenge SW after reset");
            })
        { RequiresCard = new CardRequirement("6985 to ES10b after a switch") { Es10bLockedAfterProfileSwitch = true } };

        yield return new ConformanceCase("Options.EprSignedOverAssociationToken", Area,
            "a card configured to sign package results over the associationToken DO: verifiable that way, not the other",
                "SGP.32 §2.11.2.1; docs/iot.md#epr-signing-caveat", Assoc, ctx =>
            {
                var eim = ctx.AssociateEim();
                var request = eim.BuildEuiccPackage([Psmo.GetRat()]);
                var response = ctx.Es10Ok(request.Encoded);
                var overToken = eim.VerifyEuiccPackageResult(response, request, EprSignatureInput.AssociationToken);
                CaseContext.True(overToken.SignatureValid == true, "signature over result ‖ associationToken DO");
                var overSignature = eim.VerifyEuiccPackageResult(response, request, EprSignatureInput.EimSignature);
                CaseContext.True(overSignature.SignatureValid == false,
                    "signature must not verify over result ‖ eimSignature DO");
            })
        {
            RequiresCard = new CardRequirement("results signed over the associationToken DO") { ResultSignedOverAssociationToken = true },
        };
    }
}
