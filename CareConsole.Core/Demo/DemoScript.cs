using CareConsole.Core.Clients;
using CareConsole.Core.Conversations;
using CareConsole.Core.Desk;

namespace CareConsole.Core.Demo;

/// <summary>
/// One scripted customer of the demo's history: what they want (a help question, an order's status, a refund, a
/// person), the language they write in, how they feel, whether they prove who they are, and, when the assistant hands
/// them over, a demo agent who takes them, replies, decides and resolves.
/// </summary>
internal sealed class DemoScript(Random random, DemoAccount account, DeskAgent agent, DateTimeOffset realNow)
{
    private enum Want
    {
        HelpQuestion,
        OrderStatus,
        Refund,
        Person,
        Angry,
        WrongPincode,
        LeftEarly,
    }

    private static readonly (Want Want, int Weight)[] Wants =
    [
        (Want.HelpQuestion, 30), (Want.OrderStatus, 26), (Want.Refund, 12), (Want.Person, 10), (Want.Angry, 9), (Want.WrongPincode, 6), (Want.LeftEarly, 7),
    ];

    private Register _language;

    public async Task RunAsync(ConversationService chat, DeskService desk, SimulatedClock clock, ClientKey client, CancellationToken cancellationToken)
    {
        var want = Pick();
        _language = random.Next(10) switch { < 6 => Register.English, < 8 => Register.Hinglish, _ => Register.Hindi };
        var channel = random.Next(10) < 8 ? Channel.Web : Channel.Api;
        var started = await chat.StartAsync(channel, _language == Register.Hindi ? LanguagePreference.Hindi : LanguagePreference.Auto, cancellationToken);
        var id = started.Id;

        async Task<TurnResult> Say(string english, string hinglish, string hindi)
        {
            clock.Advance(TimeSpan.FromSeconds(random.Next(8, 75)));
            return await chat.SendAsync(id, _language switch { Register.Hinglish => hinglish, Register.Hindi => hindi, _ => english }, client, cancellationToken);
        }

        async Task<bool> VerifyAsync(bool rightPincode)
        {
            await Say($"my number is {account.Phone}", $"mera number {account.Phone} hai", $"मेरा नंबर {account.Phone} है");
            var pincode = rightPincode ? account.Pincode : WrongPincode();
            return (await Say($"pincode {pincode}", $"pincode {pincode} hai", $"पिनकोड {pincode}")).Verified;
        }

        TurnResult? last = null;
        switch (want)
        {
            case Want.HelpQuestion:
                last = random.Next(6) switch
                {
                    4 => await Say("is there any sale offer on phones this week?", "is week phones pe koi sale offer hai?", "क्या इस हफ़्ते फ़ोन पर कोई सेल ऑफर है?"),
                    5 => await Say("amazon has it cheaper, can you match the price?", "amazon pe sasta hai, price match karoge?", "अमेज़न पर सस्ता है, क्या आप कीमत मिलाएँगे?"),
                    0 => await Say("how many days does a refund take?", "refund kitne din mein aata hai?", "रिफंड कितने दिन में आता है?"),
                    1 => await Say("what is your return policy for electronics?", "electronics ka return policy kya hai?", "इलेक्ट्रॉनिक्स की वापसी नीति क्या है?"),
                    2 => await Say("do you deliver on sundays?", "kya aap sunday ko delivery karte ho?", "क्या रविवार को डिलीवरी होती है?"),
                    _ => await Say("is cash on delivery available?", "cash on delivery milta hai kya?", "क्या कैश ऑन डिलीवरी मिलती है?"),
                };
                break;
            case Want.OrderStatus:
                await Say("where is my order?", "mera order kahan hai?", "मेरा ऑर्डर कहाँ है?");
                if (await VerifyAsync(rightPincode: true) && account.Orders.Count > 0)
                {
                    var order = account.Orders[random.Next(account.Orders.Count)].Id;
                    last = await Say($"what is the status of {order}?", $"{order} ka status kya hai?", $"{order} की स्थिति क्या है?");
                }
                break;
            case Want.Refund:
                await Say("I need to return something", "mujhe ek item wapas karna hai", "मुझे एक सामान वापस करना है");
                if (await VerifyAsync(rightPincode: true) && account.Orders.FirstOrDefault(o => o.Status == Orders.OrderStatus.Delivered) is { } delivered)
                {
                    var order = delivered.Id;
                    last = await Say($"I want a refund for {order}, it arrived damaged", $"{order} ka refund chahiye, toota hua aaya", $"{order} का रिफंड चाहिए, टूटा हुआ आया");
                }
                break;
            case Want.Person:
                last = await Say("can I talk to a person please", "mujhe kisi insaan se baat karni hai", "मुझे किसी व्यक्ति से बात करनी है");
                break;
            case Want.Angry:
                await Say("my delivery is late again", "mera delivery phir se late hai", "मेरी डिलीवरी फिर से लेट है");
                last = await Say("this is the worst service ever, nobody helps and I am fed up", "bahut bekaar service hai, koi help nahi karta, pareshan ho gaya hoon", "बहुत बेकार सेवा है, कोई मदद नहीं करता, मैं परेशान हो गया हूँ");
                break;
            case Want.WrongPincode:
                await Say("track my order", "order track karna hai", "ऑर्डर ट्रैक करना है");
                for (var attempt = random.Next(1, 4); attempt > 0; attempt--)
                {
                    if (await VerifyAsync(rightPincode: false))
                    {
                        break;
                    }
                }
                return;
            case Want.LeftEarly:
                await Say("hi", "hello", "नमस्ते");
                return;
        }

        if (last is { Escalated: true })
        {
            await HandOverAsync(id, chat, desk, clock, client, cancellationToken);
            return;
        }
        if (random.Next(10) < 8)
        {
            last = await Say("thanks, that's all, bye", "thank you, bas itna hi, bye", "धन्यवाद, बस इतना ही, अलविदा");
            if (last.Phase == ConversationPhase.Ended && random.Next(10) < 6)
            {
                clock.Advance(TimeSpan.FromSeconds(random.Next(5, 40)));
                await chat.RateAsync(id, random.Next(10) < 8 ? random.Next(4, 6) : random.Next(1, 4), null, cancellationToken);
            }
        }
    }

    /// <summary>A demo agent takes the conversation after a wait, replies, decides any request, and resolves it.</summary>
    private async Task HandOverAsync(Guid id, ConversationService chat, DeskService desk, SimulatedClock clock, ClientKey client, CancellationToken cancellationToken)
    {
        // Hand-offs of the last three hours are still waiting for a person: the live view has something to show.
        if (clock.Now > realNow.AddHours(-3))
        {
            return;
        }
        // While nobody has taken it yet, the customer writes again: that wait is the person's to answer.
        clock.Advance(TimeSpan.FromSeconds(random.Next(20, 200)));
        await chat.SendAsync(id, _language == Register.English ? "hello? is anyone there?" : "hello? koi hai?", client, cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(random.Next(10) < 8 ? random.Next(30, 900) : random.Next(900, 10_800)));
        await desk.TakeOverAsync(id, agent, cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(random.Next(20, 240)));
        await desk.ReplyAsync(id, agent, _language == Register.Hindi ? "नमस्ते, मैं देख रही हूँ।" : "Hi, I'm looking into this for you now.", [], cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(random.Next(20, 120)));
        await chat.SendAsync(id, _language == Register.English ? "ok, how long will it take?" : "theek hai, kitna time lagega?", client, cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(random.Next(30, 400)));
        await desk.ReplyAsync(id, agent, _language == Register.Hindi ? "आज ही हो जाएगा, मैं पुष्टि भेज दूँगी।" : "It will be done today; I'll confirm here.", [], cancellationToken);

        var view = await desk.GetAsync(id, cancellationToken);
        foreach (var request in view?.Conversation.ActionRequests.Where(r => r.Status == ActionRequestStatus.AwaitingApproval) ?? [])
        {
            clock.Advance(TimeSpan.FromSeconds(random.Next(60, 600)));
            var approve = random.Next(10) < 7;
            await desk.DecideAsync(id, request.Id, approve, request.Amount, approve ? "Damage confirmed from the photos." : "Outside the return window.", agent, cancellationToken);
        }
        clock.Advance(TimeSpan.FromSeconds(random.Next(60, 900)));
        await desk.ResolveAsync(id, agent, "Sorted with the customer.", cancellationToken);
        if (random.Next(10) < 6)
        {
            clock.Advance(TimeSpan.FromSeconds(random.Next(5, 60)));
            await chat.RateAsync(id, random.Next(10) < 7 ? random.Next(4, 6) : random.Next(1, 4), null, cancellationToken);
        }
    }

    private Want Pick()
    {
        var roll = random.Next(Wants.Sum(w => w.Weight));
        foreach (var (want, weight) in Wants)
        {
            if ((roll -= weight) < 0)
            {
                return want;
            }
        }
        return Want.HelpQuestion;
    }

    private string WrongPincode()
    {
        string pincode;
        do
        {
            pincode = random.Next(110_001, 855_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        while (pincode == account.Pincode);
        return pincode;
    }
}
