using CareConsole.Core.Agent.Privacy;

namespace CareConsole.Tests.Core.Agent.Privacy;

public sealed class PersonalDataTests
{
    [Theory]
    // Phones: English, Hinglish, Hindi; grouped, prefixed, Devanagari digits.
    [InlineData("My number is 9876543210", PersonalDataKind.Phone, "9876543210")]
    [InlineData("Call me on +91 98765 43210 please", PersonalDataKind.Phone, "+91 98765 43210")]
    [InlineData("mera number 98-76-54-32-10 hai", PersonalDataKind.Phone, "98-76-54-32-10")]
    [InlineData("mobile 09876543210 pe call karo", PersonalDataKind.Phone, "09876543210")]
    [InlineData("मेरा नंबर ९८७६५ ४३२१० है", PersonalDataKind.Phone, "९८७६५ ४३२१०")]
    // E-mail addresses.
    [InlineData("Mail me at Asha.Verma@example.com.", PersonalDataKind.Email, "Asha.Verma@example.com")]
    [InlineData("email id asha_v99@yahoo.co.in hai", PersonalDataKind.Email, "asha_v99@yahoo.co.in")]
    [InlineData("मेरा ईमेल asha@gmail.com है", PersonalDataKind.Email, "asha@gmail.com")]
    // Cards.
    [InlineData("Card 4111 1111 1111 1111 was charged twice", PersonalDataKind.Card, "4111 1111 1111 1111")]
    [InlineData("is card 5555555555554444 se payment kiya", PersonalDataKind.Card, "5555555555554444")]
    [InlineData("मेरा कार्ड ४१११ ११११ ११११ ११११ है", PersonalDataKind.Card, "४१११ ११११ ११११ ११११")]
    // UPI ids.
    [InlineData("I paid from asha.v@okaxis yesterday", PersonalDataKind.Upi, "asha.v@okaxis")]
    [InlineData("UPI id 9876543210@ybl se bheja", PersonalDataKind.Upi, "9876543210@ybl")]
    [InlineData("मेरी यूपीआई आईडी asha@paytm है", PersonalDataKind.Upi, "asha@paytm")]
    // Bank accounts: whole, in fours, Devanagari; a Luhn-valid one beside "account" stays an account.
    [InlineData("Refund to account 31245678901 please", PersonalDataKind.BankAccount, "31245678901")]
    [InlineData("khata number 1234 5678 9012 hai", PersonalDataKind.BankAccount, "1234 5678 9012")]
    [InlineData("मेरा खाता ३१२४५६७८९०१ है", PersonalDataKind.BankAccount, "३१२४५६७८९०१")]
    [InlineData("HDFC account 50100123456789", PersonalDataKind.BankAccount, "50100123456789")]
    // IFSC codes.
    [InlineData("IFSC is SBIN0001234", PersonalDataKind.Ifsc, "SBIN0001234")]
    [InlineData("ifsc hdfc0000123 hai", PersonalDataKind.Ifsc, "hdfc0000123")]
    [InlineData("आईएफएससी ICIC0001234 है", PersonalDataKind.Ifsc, "ICIC0001234")]
    // OTPs, before or after their word.
    [InlineData("The OTP is 4821", PersonalDataKind.Otp, "4821")]
    [InlineData("verification code: 582913", PersonalDataKind.Otp, "582913")]
    [InlineData("4821 is my one-time password", PersonalDataKind.Otp, "4821")]
    [InlineData("mera otp 7291 aaya hai", PersonalDataKind.Otp, "7291")]
    [InlineData("ओटीपी ४८२१ है", PersonalDataKind.Otp, "४८२१")]
    [InlineData("कोड ७३९१ आया", PersonalDataKind.Otp, "७३९१")]
    // Pincodes, with or without their word.
    [InlineData("Pincode 400012", PersonalDataKind.Pincode, "400012")]
    [InlineData("Deliver it to Bengaluru 560001", PersonalDataKind.Pincode, "560001")]
    [InlineData("mera pin 110001 hai", PersonalDataKind.Pincode, "110001")]
    [InlineData("पिनकोड ४०००१२ है", PersonalDataKind.Pincode, "४०००१२")]
    // Street addresses.
    [InlineData("I live at Flat 302, Sunshine Apartments, MG Road, Bengaluru", PersonalDataKind.Address, "Flat 302, Sunshine Apartments, MG Road")]
    [InlineData("Address: 12B, 5th Cross, Indiranagar", PersonalDataKind.Address, "12B, 5th Cross, Indiranagar")]
    [InlineData("H.No. 45, Sector 21, Noida", PersonalDataKind.Address, "H.No. 45, Sector 21")]
    [InlineData("B-204, Green Park Enclave, Delhi", PersonalDataKind.Address, "B-204, Green Park Enclave")]
    [InlineData("ghar ka pata 221 Shanti Nagar hai", PersonalDataKind.Address, "221 Shanti Nagar")]
    [InlineData("plot no 7 gali no 3 laxmi nagar mein", PersonalDataKind.Address, "plot no 7 gali no 3 laxmi nagar")]
    [InlineData("मकान नंबर ४५, गांधी नगर, इंदौर", PersonalDataKind.Address, "मकान नंबर ४५, गांधी नगर")]
    [InlineData("पता: ४५ महात्मा गांधी मार्ग, भोपाल", PersonalDataKind.Address, "४५ महात्मा गांधी मार्ग")]
    public void Find_PersonalData_FindsItAsWritten(string text, PersonalDataKind kind, string value)
    {
        var finding = Assert.Single(PersonalData.Find(text));

        Assert.Equal(kind, finding.Kind);
        Assert.Equal(value, finding.Value);
        Assert.Equal(value, text.Substring(finding.Start, finding.Length));
    }

    [Theory]
    [InlineData("Where is my order MM240115?")]
    [InlineData("order mm-240115 kab aayega")]
    [InlineData("ऑर्डर MM 240115 कहाँ है")]
    [InlineData("I paid ₹1,299 for it")]
    [InlineData("Rs 2500 refund chahiye")]
    [InlineData("1299 rupees kat gaye")]
    [InlineData("refund of ₹ 12,500.50 pending")]
    [InlineData("Rs. 1,00,000 ka order tha")]
    [InlineData("Delivery on 2026-12-05")]
    [InlineData("delivered 05/12/2026 at 10:30")]
    [InlineData("expected by 5 Dec")]
    [InlineData("2 items missing")]
    [InlineData("3 din se wait kar raha hoon")]
    [InlineData("मैंने 3 दिन पहले ₹1,299 दिए")]
    [InlineData("50% off on 2 items")]
    [InlineData("bought it in 2024")]
    [InlineData("deliver 3 packets to MG Road")]
    [InlineData("we have lived since 2019 in Gandhi Nagar")]
    [InlineData("main 2 baar road pe dekh chuka hoon")]
    [InlineData("my card ending 4821 was charged")]
    public void Find_OrdersAmountsDatesTimesAndQuantities_FindsNothing(string text) =>
        Assert.Empty(PersonalData.Find(text));

    [Fact]
    public void Find_PincodeAndOtpInOneMessage_ReadsEachByItsWord()
    {
        var findings = PersonalData.Find("Pincode 400012 hai, aur OTP 482913 aaya");

        Assert.Equal([PersonalDataKind.Pincode, PersonalDataKind.Otp], findings.Select(f => f.Kind));
        Assert.Equal(["400012", "482913"], findings.Select(f => f.Value));
    }

    [Fact]
    public void Find_PhoneAndPincodeInOneRun_FindsBoth()
    {
        var findings = PersonalData.Find("9876543210 400012");

        Assert.Equal([PersonalDataKind.Phone, PersonalDataKind.Pincode], findings.Select(f => f.Kind));
    }

    [Fact]
    public void MaskThenUnmask_EveryKind_GivesTheOriginal()
    {
        const string Text = "I am at Flat 302, Sunshine Apartments, MG Road, Bengaluru 560001. Call +91 98765 43210 or mail "
            + "asha@example.com. Card 4111 1111 1111 1111, UPI asha.v@okaxis, account 31245678901 (IFSC SBIN0001234). "
            + "OTP 4821 for order MM240115 of ₹1,299. मेरा दूसरा नंबर ८१२३४ ५६७८९ है।";
        var mask = new PersonalDataMask();

        var masked = mask.Mask(Text);

        Assert.Equal(
            "I am at [ADDRESS_1], Bengaluru [PINCODE_1]. Call [PHONE_1] or mail [EMAIL_1]. Card [CARD_1], UPI [UPI_1], "
            + "account [BANK_ACCOUNT_1] (IFSC [IFSC_1]). OTP [OTP_1] for order MM240115 of ₹1,299. मेरा दूसरा नंबर [PHONE_2] है।",
            masked);
        Assert.Equal(Text, mask.Unmask(masked));
    }

    // One placeholder stands for the value, so it unmasks to the value as first written.
    [Fact]
    public void Mask_SameNumberWrittenDifferently_GetsOnePlaceholder()
    {
        var mask = new PersonalDataMask();

        var masked = mask.Mask("Call 9876543210 or +91 98765 43210, ya ९८७६५४३२१० pe");

        Assert.Equal("Call [PHONE_1] or [PHONE_1], ya [PHONE_1] pe", masked);
        Assert.Equal("the number is 9876543210", mask.Unmask("the number is [PHONE_1]"));
    }

    [Fact]
    public void Mask_SeveralValues_NumbersEachKindByFirstAppearance()
    {
        var mask = new PersonalDataMask();

        var first = mask.Mask("Old number 9876543210, mail Asha@Example.com");
        var second = mask.Mask("new number 8123456789, old 9876543210, mail asha@example.com");

        Assert.Equal("Old number [PHONE_1], mail [EMAIL_1]", first);
        Assert.Equal("new number [PHONE_2], old [PHONE_1], mail [EMAIL_1]", second);
    }

    [Fact]
    public void Unmask_PlaceholderItDidNotMake_StaysAsItIs()
    {
        var mask = new PersonalDataMask();
        mask.Mask("9876543210");

        Assert.Equal("9876543210 and [PHONE_2] and [EMAIL_1]", mask.Unmask("[PHONE_1] and [PHONE_2] and [EMAIL_1]"));
    }

    [Fact]
    public void Mask_TextThatAlreadyHoldsAPlaceholder_NeverGivesThatNameToARealValue()
    {
        var mask = new PersonalDataMask();

        var masked = mask.Mask("What is [PHONE_1]? My number is 9876543210");

        Assert.Equal("What is [PHONE_1]? My number is [PHONE_2]", masked);
        Assert.Equal("[PHONE_1] 9876543210", mask.Unmask("[PHONE_1] [PHONE_2]"));
    }

    [Fact]
    public void Redact_KeepsOnlyTheKinds()
    {
        var redacted = PersonalData.Redact("Call 9876543210 or mail asha@example.com; OTP 4821, account 31245678901, order MM240115 of ₹1,299");

        Assert.Equal("Call [phone] or mail [email]; OTP [otp], account [bank account], order MM240115 of ₹1,299", redacted);
        var mask = new PersonalDataMask();
        Assert.Equal(redacted, mask.Unmask(redacted));
    }
}
