namespace EuiccEmulator.Card.Uicc;

/// <summary>
/// The component names of each template PE in ASN.1 order: with AUTOMATIC TAGS, component n is context tag [n]
/// (0 the PE header, 1 templateID, then one File per name).
/// </summary>
// SAIP v3.3.1 PEDefinitions: PE-MF ... PE-OPT-IoT (tests/data/asn1/PEDefinitions_SAIP_v3.3.1.asn).
internal static class PeComponents
{
    public static readonly IReadOnlyDictionary<int, string[]> ByTag = new Dictionary<int, string[]>
    {
        [0xB0] = // PE-MF
            ["mf-header", "templateID", "mf", "ef-pl", "ef-iccid", "ef-dir", "ef-arr", "ef-umpc"],
        [0xB1] = // PE-CD
            ["cd-header", "templateID", "df-cd", "ef-launchpad", "ef-icon"],
        [0xB2] = // PE-TELECOM
            ["telecom-header", "templateID", "df-telecom", "ef-arr", "ef-rma", "ef-sume", "ef-ice-dn", "ef-ice-ff",
             "ef-psismsc", "df-graphics", "ef-img", "ef-iidf", "ef-ice-graphics", "ef-launch-scws", "ef-icon",
             "df-phonebook", "ef-pbr", "ef-ext1", "ef-aas", "ef-gas", "ef-psc", "ef-cc", "ef-puid", "ef-iap",
             "ef-adn", "ef-pbc", "ef-anr", "ef-puri", "ef-email", "ef-sne", "ef-uid", "ef-grp", "ef-ccp1",
             "df-multimedia", "ef-mml", "ef-mmdf", "df-mmss", "ef-mlpl", "ef-mspl", "ef-mmssmode", "df-mcs",
             "ef-mst", "ef-mcs-config", "df-v2x", "ef-vst", "ef-v2x-config", "ef-v2xp-pc5", "ef-v2xp-Uu"],
        [0xB3] = // PE-USIM
            ["usim-header", "templateID", "adf-usim", "ef-imsi", "ef-arr", "ef-keys", "ef-keysPS", "ef-hpplmn",
             "ef-ust", "ef-fdn", "ef-sms", "ef-smsp", "ef-smss", "ef-spn", "ef-est", "ef-start-hfn", "ef-threshold",
             "ef-psloci", "ef-acc", "ef-fplmn", "ef-loci", "ef-ad", "ef-ecc", "ef-netpar", "ef-epsloci", "ef-epsnsc"],
        [0xB4] = // PE-OPT-USIM
            ["optusim-header", "templateID", "ef-li", "ef-acmax", "ef-acm", "ef-gid1", "ef-gid2", "ef-msisdn",
             "ef-puct", "ef-cbmi", "ef-cbmid", "ef-sdn", "ef-ext2", "ef-ext3", "ef-cbmir", "ef-plmnwact",
             "ef-oplmnwact", "ef-hplmnwact", "ef-dck", "ef-cnl", "ef-smsr", "ef-bdn", "ef-ext5", "ef-ccp2",
             "ef-ext4", "ef-acl", "ef-cmi", "ef-ici", "ef-oci", "ef-ict", "ef-oct", "ef-vgcs", "ef-vgcss", "ef-vbs",
             "ef-vbss", "ef-emlpp", "ef-aaem", "ef-hiddenkey", "ef-pnn", "ef-opl", "ef-mbdn", "ef-ext6", "ef-mbi",
             "ef-mwis", "ef-cfis", "ef-ext7", "ef-spdi", "ef-mmsn", "ef-ext8", "ef-mmsicp", "ef-mmsup", "ef-mmsucp",
             "ef-nia", "ef-vgcsca", "ef-vbsca", "ef-gbabp", "ef-msk", "ef-muk", "ef-ehplmn", "ef-gbanl",
             "ef-ehplmnpi", "ef-lrplmnsi", "ef-nafkca", "ef-spni", "ef-pnni", "ef-ncp-ip", "ef-ufc", "ef-nasconfig",
             "ef-uicciari", "ef-pws", "ef-fdnuri", "ef-bdnuri", "ef-sdnuri", "ef-ial", "ef-ips", "ef-ipd",
             "ef-epdgid", "ef-epdgselection", "ef-epdgidem", "ef-epdgselectionem", "ef-frompreferred",
             "ef-imsconfigdata", "ef-3gpppsdataoff", "ef-3gpppsdataoffservicelist", "ef-xcapconfigdata",
             "ef-earfcnlist", "ef-mudmidconfigdata", "ef-eaka"],
        [0xB7] = // PE-PHONEBOOK
            ["phonebook-header", "templateID", "df-phonebook", "ef-pbr", "ef-ext1", "ef-aas", "ef-gas", "ef-psc",
             "ef-cc", "ef-puid", "ef-iap", "ef-adn", "ef-pbc", "ef-anr", "ef-puri", "ef-email", "ef-sne", "ef-uid",
             "ef-grp", "ef-ccp1"],
        [0xB8] = // PE-GSM-ACCESS
            ["gsm-access-header", "templateID", "df-gsm-access", "ef-kc", "ef-kcgprs", "ef-cpbcch", "ef-invscan"],
        [0xBC] = // PE-DF-5GS
            ["df-5gs-header", "templateID", "df-df-5gs", "ef-5gs3gpploci", "ef-5gsn3gpploci", "ef-5gs3gppnsc",
             "ef-5gsn3gppnsc", "ef-5gauthkeys", "ef-uac-aic", "ef-suci-calc-info", "ef-opl5g", "ef-supinai",
             "ef-routing-indicator", "ef-ursp", "ef-tn3gppsnn", "ef-cag", "ef-sor-cmci", "ef-dri", "ef-5gsedrx",
             "ef-5gnswo-conf", "ef-mchpplmn", "ef-kausf-derivation"],
        [0xBD] = // PE-DF-SAIP
            ["df-saip-header", "templateID", "df-df-saip", "ef-suci-calc-info-usim"],
        [0xBE] = // PE-DF-SNPN
            ["df-snpn-header", "templateID", "df-df-snpn", "ef-pws-snpn"],
        [0xBF1F] = // PE-DF-5GPROSE
            ["df-5g-prose-header", "templateID", "df-df-5g-prose", "ef-5g-prose-st", "ef-5g-prose-dd",
             "ef-5g-prose-dc", "ef-5g-prose-u2nru", "ef-5g-prose-ru", "ef-5g-prose-uir"],
        [0xB5] = // PE-ISIM
            ["isim-header", "templateID", "adf-isim", "ef-impi", "ef-impu", "ef-domain", "ef-ist", "ef-ad", "ef-arr"],
        [0xB6] = // PE-OPT-ISIM
            ["optisim-header", "templateID", "ef-pcscf", "ef-sms", "ef-smsp", "ef-smss", "ef-smsr", "ef-gbabp",
             "ef-gbanl", "ef-nafkca", "ef-uicciari", "ef-frompreferred", "ef-imsconfigdata", "ef-xcapconfigdata",
             "ef-webrtcuri", "ef-mudmidconfigdata"],
        [0xB9] = // PE-CSIM
            ["csim-header", "templateID", "adf-csim", "ef-arr", "ef-call-count", "ef-imsi-m", "ef-imsi-t", "ef-tmsi",
             "ef-ah", "ef-aop", "ef-aloc", "ef-cdmahome", "ef-znregi", "ef-snregi", "ef-distregi", "ef-accolc",
             "ef-term", "ef-acp", "ef-prl", "ef-ruimid", "ef-csim-st", "ef-spc", "ef-otapaspc", "ef-namlock",
             "ef-ota", "ef-sp", "ef-esn-meid-me", "ef-li", "ef-usgind", "ef-ad", "ef-max-prl", "ef-spcs", "ef-mecrp",
             "ef-home-tag", "ef-group-tag", "ef-specific-tag", "ef-call-prompt"],
        [0xBA] = // PE-OPT-CSIM
            ["optcsim-header", "templateID", "ef-ssci", "ef-fdn", "ef-sms", "ef-smsp", "ef-smss", "ef-ssfc",
             "ef-spn", "ef-mdn", "ef-ecc", "ef-me3gpdopc", "ef-3gpdopm", "ef-sipcap", "ef-mipcap", "ef-sipupp",
             "ef-mipupp", "ef-sipsp", "ef-mipsp", "ef-sippapss", "ef-puzl", "ef-maxpuzl", "ef-hrpdcap", "ef-hrpdupp",
             "ef-csspr", "ef-atc", "ef-eprl", "ef-bcsmscfg", "ef-bcsmspref", "ef-bcsmstable", "ef-bcsmsp",
             "ef-bakpara", "ef-upbakpara", "ef-mmsn", "ef-ext8", "ef-mmsicp", "ef-mmsup", "ef-mmsucp",
             "ef-auth-capability", "ef-3gcik", "ef-dck", "ef-gid1", "ef-gid2", "ef-cdmacnl", "ef-sf-euimid",
             "ef-est", "ef-hidden-key", "ef-lcsver", "ef-lcscp", "ef-sdn", "ef-ext2", "ef-ext3", "ef-ici", "ef-oci",
             "ef-ext5", "ef-ccp2", "ef-applabels", "ef-model", "ef-rc", "ef-smscap", "ef-mipflags", "ef-3gpduppext",
             "ef-ipv6cap", "ef-tcpconfig", "ef-dgc", "ef-wapbrowsercp", "ef-wapbrowserbm", "ef-mmsconfig", "ef-jdl"],
        [0xBB] = // PE-EAP
            ["eap-header", "templateID", "df-eap", "ef-eapkeys", "ef-eapstatus", "ef-puid", "ef-ps", "ef-curid",
             "ef-reid", "ef-realm"],
        [0xBF20] = // PE-IoT
            ["iot-header", "templateID", "mf", "ef-pl", "ef-iccid", "ef-dir", "ef-arr", "ef-umpc", "adf-usim",
             "ef-imsi", "ef-arr-usim", "ef-keys", "ef-keysPS", "ef-hpplmn", "ef-ust", "ef-start-hfn", "ef-threshold",
             "ef-psloci", "ef-acc", "ef-fplmn", "ef-loci", "ef-ad", "ef-ecc", "ef-netpar"],
        [0xBF21] = // PE-OPT-IoT
            ["optiot-header", "templateID", "ef-fdn", "ef-sms", "ef-smsp", "ef-smss", "ef-spn", "ef-est",
             "ef-oplmnwact", "ef-hplmnwact", "ef-ehplmn", "ef-epsloci", "ef-epsnsc", "df-df-5gs", "ef-5gs3gpploci",
             "ef-5gsn3gpploci", "ef-5gs3gppnsc", "ef-5gsn3gppnsc", "ef-5gauthkeys", "ef-uac-aic",
             "ef-suci-calc-info", "ef-opl5g", "ef-supi-nai", "ef-routing-indicator", "ef-ursp", "ef-tn3gppsnn",
             "df-df-saip", "ef-suci-calc-info-usim"],
    };
}
