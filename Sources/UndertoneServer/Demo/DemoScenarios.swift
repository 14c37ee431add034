import UndertoneEngine

// The scripts, as data: written by us, varied on purpose. Placeholders in braces are filled by `DemoScriptWriter`:
// {customer} {surname} {agent} {supervisor} {manager} {company} {amount} {amount2} {order} {account} {card} {phone}
// {email} {dob} {weekday} {weekday2} {city} {doctor} {years} {position}. Texts are typed form; voice calls are turned
// into a speech recogniser's form (lower case, no punctuation) when written out.

extension DemoScenario {
    /// Every script the demo plays.
    static let all: [DemoScenario] = [
        billingCalm, billingConfused, technicalRecovers, accountAccessConfused, appointmentAnxious, fraudWorry, deliveryBotHandoff,
        deliveryBotContained, abandoned, repeatCharge, technicalSupervisor, cancelThreat, emailComplaint, abusiveOutburst,
        managerRequestUnanswered,
    ]

    static let greetings: [String] = [
        "Thanks for calling {company}, this is {agent}, how can I help today?",
        "Good morning, you're through to {company}, my name is {agent}, how can I help?",
        "Hello, {company}, {agent} speaking. What can I do for you?",
        "Hi there, thanks for holding. You're speaking with {agent} at {company}. How can I help?",
    ]

    static let billingCalm = DemoScenario(
        id: "billing-calm", desk: .billing, channels: [.voice, .chat], weight: 14,
        lines: [
            .agent(greetings),
            .customer(
                0.05...0.2,
                [
                    "Hi, I'm just calling about my latest bill. It's a bit higher than usual.",
                    "Hello, I wanted to check a charge on my bill. It came to {amount} this month.",
                    "Hi there, could you explain my last bill for me? It looks different from normal.",
                ]),
            .agent(["Of course. Could I take your account number, please?", "Sure, I can look at that. What's the account number?"]),
            .customer(0.05...0.15, ["Yes, it's {account}.", "It's {account}, under {customer} {surname}."]),
            .agent([
                "Thank you, {customer}. I can see it here. The extra {amount2} is the yearly price change that started this month.",
                "Thanks. The difference is a one-off charge of {amount2} for calls you made while you were in {city}.",
                "Got it. There's a {amount2} charge for the upgrade to faster speeds you took last month, for part of the month.",
            ]),
            .customer(
                0.05...0.2,
                ["Oh, I see. I must have missed the letter about that.", "Ah, right, that would be the trip to {city}.", "Okay, that makes sense."]),
            .agent([
                "No problem at all. I can email you the breakdown if that helps.",
                "That's alright. I'll send a summary to the email address on the account.",
            ]),
            .customer(0.0...0.1, ["Yes please, that would be great. Thanks for explaining.", "Perfect, thank you, that's really helpful."]),
            .agent(["You're welcome. Is there anything else I can help with today?", "My pleasure. Anything else at all?"]),
            .customer(0.0...0.1, ["No, that's everything. Thanks, bye.", "No, that's all, thank you. Have a good day."]),
        ],
        dispositions: ["resolved"], survey: 4...5, surveyChance: 0.5)

    static let billingConfused = DemoScenario(
        id: "billing-confused", desk: .billing, channels: [.voice, .chat], weight: 9,
        lines: [
            .agent(greetings),
            .customer(
                0.2...0.35,
                [
                    "Hi, I've had a bill for {amount} and my plan is only {amount2} a month. I don't understand it.",
                    "Hello, my bill says {amount} but I thought I was paying {amount2}. I'm not sure what's going on.",
                ]),
            .agent(["Let me have a look. Can I take your account number?", "I can help with that. What's your account number, please?"]),
            .customer(0.15...0.25, ["It's {account}."]),
            .agent([
                "Thank you. This bill includes a pro rata charge for the part of last month before your new plan started.",
                "I see. The first bill after a plan change includes a partial month charge as well as the normal monthly charge.",
            ]),
            .customer(
                0.35...0.5,
                [
                    "Sorry, I don't understand. What does pro rata mean? Am I paying twice?",
                    "I'm confused. Why would I pay for a month I've already paid for? I don't follow.",
                    "I don't get it. What do you mean partial month? It doesn't make sense to me.",
                ]),
            .agent([
                "That's a fair question, let me go through it step by step. First, your old plan ended on the {weekday}. Second, the new plan started the day after, so you pay for those few days separately. It's only this once.",
                "Good question, let me explain it more simply. You're not paying twice. The extra amount only covers the days between the old plan ending and the new one starting, and it won't be on the next bill.",
            ]),
            .customer(
                0.2...0.3,
                ["So the extra is just for those few days, and next month it goes back to {amount2}?", "Oh, so it's only this once?"]),
            .agent(["Exactly right. From next month it's {amount2} every month.", "That's it exactly. Next month it's back to the normal amount."]),
            .customer(
                0.0...0.15,
                ["Okay, that makes sense now. Thank you for being so patient with me.", "Right, I understand now. Thanks for explaining it clearly."]),
            .agent(["No problem at all, that's what I'm here for. Have a lovely day."]),
        ],
        dispositions: ["resolved"], survey: 4...5)

    static let technicalRecovers = DemoScenario(
        id: "technical-frustrated-recovers", desk: .technical, channels: [.voice, .chat], weight: 9,
        lines: [
            .agent(greetings),
            .customer(
                0.35...0.45,
                [
                    "Hi, my internet has been down since {weekday} and I work from home, so it's not great.",
                    "Hello, my broadband keeps dropping every few minutes since {weekday} and I can't get anything done.",
                ]),
            .agent(["I'm sorry to hear that. Let me run a line test now, bear with me.", "Sorry about that. I'll run a quick test on the line."]),
            .hold(20...40),
            .agent([
                "Thanks for waiting. I can see a fault on the line outside your property.",
                "Thanks for holding. The test shows a fault at the cabinet.",
            ]),
            .customer(
                0.6...0.72,
                [
                    "This is so frustrating. I've lost two days of work already and nobody told me anything.",
                    "Honestly this is ridiculous, I've been without internet for days and I'm paying for it.",
                    "That's really annoying. Why did nobody tell me there was a fault? I've wasted hours on this.",
                ]),
            .agent([
                "I'm really sorry, that's not good enough and I understand why you're annoyed. I'm going to book an engineer for tomorrow morning myself and I'll call you once it's confirmed.",
                "You're right, and I'm sorry. I'll take care of this personally. I've booked an engineer for the first slot tomorrow and I'll follow it up myself.",
            ]),
            .customer(0.4...0.5, ["Okay. Tomorrow morning would actually help a lot.", "Right, okay, tomorrow is better than nothing."]),
            .agent([
                "I've also added a credit of {amount2} to your account for the days without service.",
                "And I've put {amount2} back on your account for the days you've been without it.",
            ]),
            .customer(
                0.1...0.2,
                ["Thank you, I really appreciate that. Sorry for snapping earlier.", "That's great, thank you. You've been really helpful."]),
            .agent(["No need to apologise at all. The engineer will text you in the morning. Anything else?"]),
            .customer(0.0...0.1, ["No, that's all. Thanks, bye.", "No, thank you. Bye."]),
        ],
        dispositions: ["resolved"], survey: 3...5)

    static let accountAccessConfused = DemoScenario(
        id: "account-access-confused", desk: .accountAccess, channels: [.voice, .chat], weight: 7,
        lines: [
            .agent(greetings),
            .customer(
                0.3...0.4,
                [
                    "Hi, I'm locked out of my online banking. It keeps asking for a code and I never get one.",
                    "Hello, I can't log in to the app. It says my account is locked.",
                ]),
            .agent([
                "I can help with that. Can you confirm the mobile number on the account?",
                "Let's sort that out. What's the phone number we have for you?",
            ]),
            .customer(0.25...0.35, ["It's {phone}.", "Sure, it's {phone}."]),
            .agent([
                "Thanks. The security code goes to an older number on the account, which is why it isn't reaching you.",
                "Thank you. The one-time passcode is set to go to a landline, so you wouldn't see it on your mobile.",
            ]),
            .customer(
                0.4...0.5,
                [
                    "I don't understand. What code? I've never set up any code. I'm really confused.",
                    "Sorry, I'm lost. What do you mean by a passcode? Which number is it going to?",
                ]),
            .agent([
                "No problem, let me explain step by step. When you log in, we text you a six digit code to check it's really you. I've now changed the number to your mobile, so the next code will come to you.",
                "Let me put it simply. The code is a text message we send to prove it's you. It was going to an old number. I've updated it, so if you try again now, you'll get the text.",
            ]),
            .customer(0.15...0.25, ["Okay, I'm trying again now. Oh, I've got the text. It's working.", "Right, I've got the message now. I'm in."]),
            .agent(["Brilliant. Is there anything else I can help with?"]),
            .customer(0.0...0.1, ["No, that's it. Thanks for your help.", "No thanks, that's sorted it."]),
        ],
        dispositions: ["resolved"], survey: 4...5)

    static let appointmentAnxious = DemoScenario(
        id: "appointment-anxious-patient", desk: .appointments, channels: [.voice], weight: 6,
        lines: [
            .agent([
                "Good morning, {company}, this is {agent}. How can I help?", "Hello, you're through to {company} appointments, {agent} speaking.",
            ]),
            .customer(
                0.4...0.5,
                [
                    "Hello, I need to move my appointment with {doctor}. It's on {weekday} but I can't get there, and I'm a bit anxious because it's about my test results.",
                    "Hi, I have an appointment with {doctor} on {weekday} for my scan results and I need to change it. I'm quite nervous about it.",
                ]),
            .agent(["Of course, I can help with that. Can I take your date of birth to find your record?"]),
            .customer(0.3...0.4, ["Yes, it's {dob}.", "It's {dob}."]),
            .agent(["Thank you. I can offer {weekday2} at ten twenty, or the Monday after at two o'clock."]),
            .customer(
                0.5...0.6,
                [
                    "Will waiting a few days make any difference? I'm worried something is wrong.",
                    "I'm scared that if I wait it will be worse. Is it bad news if they want to see me?",
                ]),
            .agent([
                "That's completely understandable. {doctor} already has your results, and an appointment is the normal way to go through them. If anything were urgent, the practice would have called you the same day."
            ]),
            .customer(0.2...0.3, ["Okay, that's reassuring. {weekday2} at ten twenty, please.", "Thank you, that helps. I'll take {weekday2}."]),
            .agent(["Done. You'll get a text confirming it. Take care, and see you then."]),
        ],
        dispositions: ["resolved"], survey: 4...5)

    static let fraudWorry = DemoScenario(
        id: "fraud-worried", desk: .fraud, channels: [.voice], weight: 5,
        lines: [
            .agent(["{company} fraud team, this is {agent}. How can I help?", "Hello, you're through to the fraud team at {company}, I'm {agent}."]),
            .customer(
                0.55...0.65,
                [
                    "Hi, I've just seen two payments on my card I didn't make, {amount} and {amount2}. I'm really worried.",
                    "Hello, there are payments on my account I don't recognise, one for {amount}. I'm panicking a bit.",
                ]),
            .agent(["I'm sorry, that must be worrying. I'll freeze the card right now so nothing else can go out. Can you read me the card number?"]),
            .customer(0.5...0.6, ["Yes, it's {card}.", "Okay, the card number is {card}."]),
            .agent(["Thank you. The card is frozen now. Nothing else can be taken."]),
            .customer(
                0.65...0.75,
                [
                    "Is my money gone? That's my rent money. I'm scared I won't be able to pay it.",
                    "What if they took more? I'm so anxious, my mortgage payment goes out on {weekday}.",
                ]),
            .agent([
                "I understand. You're fully protected against fraud. I've raised a claim and the money will be back in your account within two working days, before {weekday}."
            ]),
            .customer(0.3...0.4, ["Oh, thank goodness. Thank you so much.", "Okay. That's a relief, thank you."]),
            .agent(["You're welcome. A new card will arrive in three to five days."]),
        ],
        dispositions: ["resolved"], survey: 4...5)

    static let botGreetings: [String] = [
        "Hi, I'm the {company} virtual assistant. What can I help you with today?", "Hello! I'm {company}'s assistant. How can I help?",
    ]

    static let deliveryBotHandoff = DemoScenario(
        id: "delivery-bot-handoff", desk: .delivery, channels: [.chat], weight: 6,
        lines: [
            .bot(botGreetings),
            .customer(
                0.3...0.4,
                [
                    "My parcel {order} was supposed to arrive yesterday and it's still not here.",
                    "Where is my order {order}? It should have come on {weekday}.",
                ]),
            .bot(["I'm sorry your order is late. The latest update shows it at our {city} depot. Would you like me to connect you with an agent?"]),
            .customer(
                0.45...0.55,
                ["Yes please. It's a birthday present and the party is on {weekday2}.", "Yes please, I need this sorted today."]),
            .transfer("delivery", note: "handed over by the virtual assistant"),
            .agent([
                "Hi {customer}, I'm {agent}. I've read the chat so you don't need to repeat anything. I'm sorry the parcel is late."
            ]),
            .customer(0.4...0.5, ["Thanks. Can you make sure it gets here before {weekday2}?", "Can you get it to me before the weekend?"]),
            .agent([
                "I've upgraded it to next-day priority at no cost. It will be with you tomorrow before one o'clock, and I've refunded the delivery charge of {amount2}."
            ]),
            .customer(0.0...0.1, ["That's brilliant, thank you so much!", "Perfect, thank you."]),
        ],
        dispositions: ["resolved"], survey: 4...5)

    static let deliveryBotContained = DemoScenario(
        id: "delivery-bot-contained", desk: .delivery, channels: [.chat], weight: 6, agentless: true,
        lines: [
            .bot(botGreetings),
            .customer(0.1...0.2, ["Where is my order {order}?", "Hi, can you tell me when {order} will arrive?"]),
            .bot(["Your order {order} is out for delivery today and should arrive between two and four this afternoon."]),
            .customer(0.0...0.1, ["Great, thanks.", "Perfect, thank you!"]),
            .bot(["You're welcome! Is there anything else I can help with?"]),
            .customer(0.0...0.05, ["No, that's all.", "No thanks."]),
        ],
        dispositions: ["contained"], survey: 4...5, surveyChance: 0.3)

    static let abandoned = DemoScenario(
        id: "abandoned-in-queue", desk: .billing, channels: [.voice], weight: 4, agentless: true,
        lines: [
            .bot(["Thank you for calling {company}. Your call is important to us. You are number {position} in the queue."]),
            .wait(40...80),
            .customer(0.35...0.45, ["Hello? Is anyone there?", "Come on, how long is this going to take?"]),
            .wait(10...25),
        ],
        dispositions: ["abandoned"])

    static let repeatCharge = DemoScenario(
        id: "repeat-contact", desk: .billing, channels: [.voice, .chat], weight: 5, repeatContact: true,
        lines: [
            .agent(greetings),
            .customer(
                0.45...0.55,
                [
                    "I called last week about a charge of {amount} and I was told it would be refunded, but it's still there. It's really annoying.",
                    "I'm calling again about the same charge of {amount}. I was promised a refund and nothing has happened, and I'm not happy.",
                ]),
            .agent(["I'm sorry about that. Let me look at the notes from your last call."]),
            .customer(
                0.6...0.7,
                [
                    "This is the third time I'm calling about this and I'm getting really fed up. I shouldn't have to keep chasing you.",
                    "I've called three times already and I'm really fed up. I keep being promised a refund and nothing ever happens.",
                ]),
            .agent([
                "You're absolutely right, and I'm sorry you've had to call again. I can see the refund was never sent. I'm processing it now myself, and you'll see {amount} back within three working days."
            ]),
            .customer(0.4...0.5, ["Okay. Can you give me a reference so I don't have to explain it again?", "Will it actually happen this time?"]),
            .agent(["Yes. Your reference is {order}, and I've put a note on the account so anyone can see it's done."]),
            .customer(0.2...0.3, ["Right. Thank you.", "Okay, thanks for sorting it."]),
        ],
        dispositions: ["resolved"], survey: 2...4)

    static let technicalSupervisor = DemoScenario(
        id: "technical-supervisor", desk: .technical, channels: [.voice], weight: 5, repeatContact: true,
        lines: [
            .agent(greetings),
            .customer(
                0.5...0.6,
                [
                    "This is the third time I'm calling about my broadband cutting out. Every evening it drops.",
                    "I've called three times about my internet dropping out and it's still not fixed.",
                ]),
            .agent(["I'm sorry about that. Can I take your account number?"]),
            .customer(0.6...0.65, ["It's {account}. You should have all of this already, I've explained it twice."]),
            .agent(["I can see the previous tickets. Let me try resetting the line from here."]),
            .customer(
                0.72...0.8,
                [
                    "That's exactly what the last person did and it didn't work. I'm fed up with being sent round in circles.",
                    "No, that's what they did last time. It's ridiculous, nobody actually fixes anything.",
                ]),
            .agent(["I understand. Let me try one more thing on the line."]),
            .customer(
                0.85...0.9,
                ["No. I want to speak to a supervisor, please. Now.", "Stop. Put me through to your manager, I'm not doing this again."]),
            .agent(["Of course. I'll get my supervisor for you. Please hold for a moment."]),
            .hold(25...50),
            .transfer("supervisor", note: "customer asked for a supervisor; third contact about evening dropouts"),
            .agent([
                "Hello {customer}, this is {supervisor}, the team leader. I've read the notes and I'm sorry you've had to call three times. I'm taking ownership of this personally."
            ]),
            .customer(0.55...0.65, ["Okay. Thank you. I just want it fixed.", "Finally. I just want it working."]),
            .agent(["I'm sending a senior engineer on {weekday}, and I'll call you myself on {weekday2} evening to check it's holding."]),
            .customer(0.35...0.45, ["Alright. That sounds like a plan.", "Okay, thank you, I'll wait for your call."]),
        ],
        dispositions: ["escalated"], survey: 2...4)

    static let cancelThreat = DemoScenario(
        id: "cancel-threat", desk: .cancellation, channels: [.voice, .chat], weight: 4,
        lines: [
            .agent(greetings),
            .customer(
                0.45...0.55,
                [
                    "I want to talk about my contract. My bill has gone up again to {amount} and nobody warned me.",
                    "My price went up to {amount} without any warning and I'm not happy about it.",
                ]),
            .agent(["I'm sorry about that. Let me look at your account."]),
            .customer(
                0.7...0.8,
                [
                    "I've been with you for {years} years and this is how you treat me? It's ridiculous.",
                    "Honestly, it's a disgrace. {years} years I've paid every bill and you just keep putting the price up.",
                ]),
            .agent(["I understand. Let me see what offers I can find for you."]),
            .customer(
                0.85...0.92,
                [
                    "Don't bother. I'm cancelling my contract today and moving to another provider.",
                    "No. I want to cancel my account. I'm switching to a competitor.",
                ]),
            .agent(["I'm sorry to hear that. Let me bring in my manager, who can look at the options with you."]),
            .hold(20...40),
            .transfer("manager", note: "cancellation threat after a price rise"),
            .agent([
                "Hi {customer}, I'm {manager}, the duty manager. I've heard what happened and I'd like to put it right. I can take the increase off and hold your price for twelve months."
            ]),
            .customer(0.5...0.6, ["Well, that would change things. Can you put that in writing?", "Okay. And that's guaranteed?"]),
            .agent(["Yes, I'll email it to you within the hour, and I'll call you next week to make sure the bill is right."]),
            .customer(0.3...0.4, ["Okay, I'll stay for now. But I'll be watching the next bill.", "Fine, thank you. I'll stay."]),
        ],
        dispositions: ["retained"], survey: 2...4)

    static let emailComplaint = DemoScenario(
        id: "email-complaint", desk: .delivery, channels: [.email], weight: 3,
        lines: [
            .customer(
                0.45...0.55,
                [
                    "Hello, I ordered a sofa (order {order}) and it arrived with a torn seat. I'd like a replacement, please. {customer} {surname}",
                    "Hi, my order {order} arrived damaged. The table has a deep scratch across the top. Please can you arrange a replacement?",
                ]),
            .agent([
                "Dear {customer}, I'm very sorry your order arrived damaged. We'll collect it on {weekday} between 8am and 6pm and send a replacement. Kind regards, {agent}"
            ]),
            .customer(
                0.7...0.8,
                [
                    "Nobody came on {weekday}. I took the day off work for this. This is the second time I've been let down and I'm very disappointed.",
                    "The collection never happened. I waited in all day. This is really not acceptable.",
                ]),
            .agent(["Dear {customer}, I apologise. The courier missed the collection. I've rebooked it for {weekday2}. Kind regards, {agent}"]),
            .customer(
                0.85...0.9,
                [
                    "I've had enough. If this isn't sorted by {weekday2} I'll be making a formal complaint to trading standards.",
                    "This is my last email. I'm taking legal advice and will be reporting this to trading standards.",
                ]),
            .agent([
                "Dear {customer}, I'm {manager}, the customer relations manager. I'm sorry for how this has been handled. I've arranged a full refund of {amount} today, and our own team will collect the item on {weekday2}. I'll call you myself to confirm. Yours sincerely, {manager}"
            ]),
        ],
        dispositions: ["escalated"], survey: 1...3)

    static let abusiveOutburst = DemoScenario(
        id: "abusive-outburst", desk: .billing, channels: [.voice], weight: 2,
        lines: [
            .agent(greetings),
            .customer(
                0.5...0.6, ["I've been waiting three weeks for a refund of {amount}.", "Where is my refund of {amount}? It's been three weeks."]),
            .agent(["Let me check that for you."]),
            .customer(0.65...0.7, ["Every time I call it's the same story.", "I keep getting told it's on its way."]),
            .agent(["I'm sorry, I can see the refund was held up."]),
            .customer(0.95...1.0, ["You're all useless idiots. This company is a joke.", "You're a bunch of useless clowns, the lot of you."]),
            .agent([
                "I understand you're upset, and I want to help. I've escalated the refund as urgent and you'll have it within 24 hours. I do need to ask you not to use that language."
            ]),
            .customer(0.55...0.65, ["Fine. Sorry. I'm just sick of it.", "Alright. Just get it sorted."]),
            .agent(["Thank you. I'll send you a confirmation by email now."]),
        ],
        dispositions: ["resolved"], survey: 1...3)

    static let managerRequestUnanswered = DemoScenario(
        id: "manager-request-climbs", desk: .cancellation, channels: [.voice], weight: 2,
        lines: [
            .agent(greetings),
            .customer(
                0.55...0.65,
                [
                    "I was charged an early exit fee of {amount} and I was told it would be waived.",
                    "You've charged me {amount} to leave when I was promised it was free.",
                ]),
            .agent(["I'm sorry, I can't remove that fee myself."]),
            .customer(0.7...0.8, ["Then I want to speak to a manager.", "Then put me through to someone senior, please."]),
            .agent(["I'll see if a manager is free. Please hold."]),
            .hold(95...120),
            .agent(["Sorry for the wait. I'm still trying to find a manager."]),
            .customer(0.8...0.88, ["I've been on hold for two minutes. This is unbelievable.", "Are you serious? Nobody is coming, are they?"]),
            .transfer("manager", note: "exit fee dispute; customer asked for a manager"),
            .agent([
                "Hello {customer}, {manager} here, I'm the manager. I'm sorry for the wait. I'll waive the exit fee now, and I'll email you the confirmation today."
            ]),
            .customer(0.4...0.5, ["Okay. Thank you.", "Right. Thanks."]),
        ],
        dispositions: ["escalated"], survey: 1...3)
}
