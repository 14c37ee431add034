// The cue phrase tables, as data. The notation is described on `PhraseTable`; words are in normalised form (lower
// case, no apostrophes: "im", "dont", "youve"), as a speech recogniser would write them.

extension CuePhraseBook {
    /// Word sets that phrases name as `<name>`.
    static let wordSets: [String: [String]] = [
        // Leaving.
        "own": ["my", "the", "this", "our", "all my", "all our", "both my", "both", "the whole", "my whole", "this whole", "these"],
        "account": [
            "account", "accounts", "contract", "contracts", "subscription", "subscriptions", "service", "services", "membership",
            "memberships", "policy", "policies", "plan", "plans", "broadband", "package", "phone line", "landline", "insurance",
            "tv", "internet", "energy", "mobile", "sim", "agreement", "tariff", "cover",
        ],
        "endAccount": [
            "cancel", "cancelling", "canceling", "close", "closing", "terminate", "terminating", "end", "ending", "stop",
            "stopping", "quit", "quitting", "get out of", "getting out of", "break", "breaking",
        ],
        "provider": [
            "provider", "providers", "company", "companies", "bank", "banks", "supplier", "suppliers", "network", "networks",
            "carrier", "carriers", "insurer", "insurers", "firm", "operator", "isp", "lender", "broadband provider",
            "energy supplier", "mobile provider", "phone company",
        ],
        "otherProvider": [
            "another <provider>", "a different <provider>", "a new <provider>", "other <provider>", "a better <provider>",
            "a cheaper <provider>", "a competitor", "your competitor", "your competitors", "one of your competitors", "a rival",
            "the competition", "your competition", "competitors",
        ],
        "yourProvider": [
            "you", "you guys", "you lot", "you people", "u", "yall", "your <provider>", "this <provider>", "the <provider>",
            "your service", "this service", "your services",
        ],
        "moveAway": [
            "switch", "switching", "move", "moving", "go", "going", "transfer", "transferring", "port", "porting", "take",
            "taking", "change", "changing",
        ],
        "business": [
            "my business", "our business", "my account", "my accounts", "my money", "my custom", "my number", "my mortgage",
            "my savings", "my contract", "everything", "it all",
        ],
        // Said as a decision or a wish: "I'm going to cancel", "I want to cancel". Asking ("can I cancel", "I'd like to
        // cancel") is <askTo>, a request.
        "intendTo": [
            "ill", "i will", "i shall", "im going to", "i am going to", "im gonna", "going to", "gonna", "want to", "wanna",
            "wish to", "have to", "got to", "gotta", "about to", "ready to", "decided to", "let me", "lets", "just",
            "i want you to", "may as well", "might as well", "time to", "planning to", "going to have to",
        ],
        "askTo": [
            "can i", "could i", "can we", "could we", "may i", "can you", "could you", "would you", "will you", "can u", "could u",
            "how do i", "how can i", "how would i", "how to", "how do we", "how can we", "id like to", "i would like to",
            "wed like to", "we would like to", "i need to", "need to", "we need to", "please", "pls", "is it possible to",
            "possible to", "is there a way to", "help me", "id like you to", "i need you to", "can someone", "can somebody",
            "whats the process to", "what do i need to do to", "where do i", "where can i", "like to", "i was hoping to",
            "hoping to",
        ],
        // Things one cancels without ending the relationship.
        "bookedThing": [
            "order", "orders", "appointment", "appointments", "booking", "bookings", "reservation", "reservations", "payment",
            "payments", "transaction", "delivery", "deliveries", "request", "claim", "cheque", "check", "flight", "flights",
            "trip", "visit", "refund", "return", "card", "cards", "call", "engineer", "ticket", "tickets", "table", "taxi", "cab",
            "room", "hotel", "train", "holiday", "tour", "slot", "session", "class", "lesson", "meeting", "direct debit",
            "standing order", "transfer", "item", "items", "parcel", "collection", "pickup", "viewing", "test", "consultation",
            "stay", "car", "ride", "one",
        ],

        // Asking for someone senior.
        "seniorRole": [
            "manager", "supervisor", "superior", "boss", "team leader", "team lead", "line manager", "senior manager",
            "duty manager", "floor manager", "store manager", "branch manager", "manager on duty", "supervisor on duty",
            "head of department", "department head", "senior agent", "senior advisor", "senior adviser",
        ],
        "seniorPerson": [
            "someone senior", "somebody senior", "someone more senior", "somebody more senior", "someone in charge",
            "somebody in charge", "the person in charge", "whoever is in charge", "someone higher up", "somebody higher up",
            "someone higher", "someone above you", "somebody above you", "your superiors", "someone with authority",
            "someone who can actually help", "someone who can help", "someone who knows what theyre doing",
            "someone who actually knows what theyre doing", "someone who knows what they are doing", "someone competent", "someone else",
            "somebody else", "a human",
            "a real person", "an actual person", "a real human", "an actual human", "a human being",
        ],
        "toSenior": [
            "your <seniorRole>", "a <seniorRole>", "the <seniorRole>", "ur <seniorRole>", "<seniorPerson>", "a senior", "the senior",
            "a person",
        ],

        // Legal and regulators (US and UK).
        // Legal action, which is a threat wherever it is named.
        "legalAction": [
            "lawsuit", "lawsuits", "litigation", "legal action", "legal proceedings", "small claims", "small claims court",
            "class action", "breach of contract",
        ],
        // Who a customer may take a dispute to: a threat only when they say they will ("I'll get my lawyer onto this"),
        // not when they are named ("ask the accountant or the lawyer").
        "legalParty": [
            "lawyer", "lawyers", "solicitor", "solicitors", "attorney", "attorneys", "ombudsman", "ombudsmen", "financial ombudsman",
            "regulator", "regulators", "regulatory body", "watchdog", "tribunal", "fca", "cfpb", "bbb", "ftc", "fcc", "ofcom",
            "ofgem", "ofwat", "ico", "f c a", "c f p b", "b b b", "f t c", "better business bureau", "attorney general",
            "trading standards", "consumer protection", "consumer rights", "citizens advice", "legal department", "legal team",
            "financial conduct authority", "information commissioner", "legal advice", "courts", "court", "a judge", "the judge",
            "the authorities", "my mp",
        ],
        "takeTo": [
            "get", "getting", "got", "contact", "contacting", "call", "calling", "ring", "ringing", "phone", "phoning", "involve",
            "involving", "speak to", "speaking to", "talk to", "talking to", "consult", "consulting", "instruct", "instructing",
            "hire", "hiring", "take this to", "taking this to", "take it to", "taking it to", "take you to", "taking you to",
            "take this up with", "taking this up with", "take it up with", "pass this to", "passing this to", "hand this to",
            "handing this to", "refer this to", "referring this to", "refer it to", "report you to", "reporting you to",
            "report this to", "reporting this to", "report it to", "complain to", "complaining to", "complaint to", "go to",
            "going to", "write to", "writing to", "escalate this to", "escalating this to", "raise this with", "raising this with",
            "get in touch with", "getting in touch with", "hear from", "hearing from", "be hearing from", "bring in", "bringing in",
            "tell", "telling", "see you in", "seeing you in", "sending this to", "send this to", "forward this to",
            "forwarding this to", "get onto", "getting onto", "put this in the hands of", "go through", "going through",
        ],
        // Insults and swearing.
        "abuseTarget": [
            "you", "youre", "you are", "your", "ur", "u", "you r", "youve been", "you have been", "you were", "you guys",
            "you people", "you lot", "yall", "you all", "this company", "your company", "this bank", "your bank", "this place",
            "your lot", "your staff", "your people", "your service", "your team", "your agents", "your customer service",
            "your support", "this service", "your app", "your website", "your system", "this firm", "your firm",
        ],
        "intensifier": [
            "so", "completely", "totally", "absolutely", "utterly", "really", "just", "such", "such a", "such an", "bloody",
            "fucking", "fuckin", "effing", "freaking", "frigging", "damn", "a", "an", "all", "a bunch of", "bunch of",
            "a load of", "load of", "a pack of", "the most", "the biggest", "a complete", "a total", "an absolute", "a right",
            "literally", "actually", "honestly", "seriously", "clearly", "obviously", "complete", "total", "absolute", "right",
            "a real", "beyond", "bleeding", "sodding", "stupid", "useless",
        ],
        "insult": [
            "idiot", "idiots", "moron", "morons", "moronic", "imbecile", "imbeciles", "cretin", "cretins", "muppet", "muppets",
            "clown", "clowns", "joke", "disgrace", "useless", "incompetent", "incompetents", "stupid", "dumb", "thick",
            "pathetic", "hopeless", "clueless", "brainless", "worthless", "waste of space", "crap", "shit", "shite", "liar",
            "liars", "lying", "thieves", "thief", "crooks", "crook", "scammers", "scam artists", "frauds", "fraudsters",
            "cowboys", "dickhead", "dickheads", "wanker", "wankers", "twat", "twats", "prick", "pricks", "arsehole",
            "arseholes", "asshole", "assholes", "bastard", "bastards", "bitch", "cunt", "cunts", "jerk", "jerks", "loser",
            "losers", "scum", "fool", "fools", "numpty", "amateurs", "fuckers", "suck", "sucks", "shambles", "a shambles",
        ],
        "personInsult": [
            "idiot", "idiots", "moron", "morons", "imbecile", "imbeciles", "cretin", "cretins", "muppet", "muppets",
            "dickhead", "dickheads", "wanker", "wankers", "twat", "twats", "prick", "pricks", "arsehole", "arseholes",
            "asshole", "assholes", "cunt", "cunts", "bastard", "bastards", "bitch", "scumbags", "numpty", "jackass",
            "motherfucker", "motherfuckers", "fuckers",
        ],
        "swearAdjective": [
            "fucking", "fuckin", "effing", "bloody", "freaking", "frigging", "damn", "damned", "goddamn", "shitty", "crappy",
            "shit", "crap", "stupid", "useless", "incompetent", "pathetic", "sodding", "bleeding", "joke of a",
        ],
        "companyThing": [
            "company", "bank", "service", "people", "lot", "staff", "team", "agents", "app", "website", "system", "firm",
            "business", "outfit", "network", "provider", "policy", "policies", "customer service", "support", "department",
            "shower", "bunch", "organisation", "organization", "idiots", "person", "agent",
        ],

        // Repeat contact.
        "contacting": [
            "calling", "called", "call", "phoning", "phoned", "phone", "ringing", "rang", "rung", "ring", "contacting",
            "contacted", "contact", "chatting", "chatted", "emailing", "emailed", "writing", "written", "wrote", "messaging",
            "messaged", "speaking to you", "spoken to you", "talking to you", "trying", "tried", "on the phone", "in touch",
            "getting in touch", "got in touch", "asking", "asked", "reporting", "reported", "explaining", "explained",
            "chasing", "chased", "raising this", "raised this", "complaining", "complained", "going through this",
            "doing this", "dealing with this", "been through this", "gone through this", "here", "coming back", "come back",
            "being transferred", "been transferred", "been cut off", "being cut off", "been passed", "to call", "to ring",
            "to phone", "to chase", "to explain", "to contact",
        ],
        "contacted": [
            "called", "phoned", "rang", "rung", "contacted", "emailed", "written", "wrote", "messaged", "chatted", "spoken to you",
            "spoke to you", "asked", "explained", "told you", "told them", "said", "chased", "complained", "reported",
            "been on the phone", "been in touch", "called you", "called in", "rang you", "rung you", "phoned you", "phoned in",
            "called up", "rang up", "contacted you", "emailed you", "written to you", "wrote to you", "messaged you",
            "asked you", "been transferred", "been cut off", "been passed around", "had to call", "had to ring", "been here",
            "come back", "tried calling", "tried to call", "tried ringing", "tried to ring", "tried to get through",
            "tried contacting", "tried emailing", "sent it", "sent them", "cut me off", "hung up on me", "put the phone down on me",
        ],
        "cannot": ["dont", "do not", "didnt", "did not", "cant", "cannot", "can not", "couldnt", "could not"],
        "timesSaid": [
            "# times", "# time", "twice", "thrice", "# x", "# different times", "# separate times", "# occasions",
            "on # occasions", "# different occasions", "on # different occasions",
        ],
        "manyTimes": [
            "many times", "so many times", "too many times", "several times", "multiple times", "numerous times",
            "countless times", "a few times", "a couple of times", "a couple times", "a dozen times", "a hundred times",
            "a million times", "a thousand times", "loads of times", "lots of times", "plenty of times", "a number of times",
            "over and over", "again and again", "time and again", "time after time", "repeatedly",
        ],
        "earlier": [
            "yesterday", "last week", "last month", "last year", "last time", "last night", "this morning", "earlier",
            "earlier today", "earlier this week", "before", "already", "previously", "recently", "the other day",
            "a few days ago", "days ago", "weeks ago", "a week ago", "a month ago", "months ago", "# days ago", "# weeks ago",
            "on monday", "on tuesday", "on wednesday", "on thursday", "on friday", "on saturday", "on sunday", "about this",
            "about this before", "about the same thing", "about the same issue", "about the same problem", "about it before",
        ],
        "someone": [
            "someone", "somebody", "you", "one of you", "one of your colleagues", "your colleague", "your colleagues",
            "a colleague", "an agent", "another agent", "a guy", "a lady", "a man", "a woman", "a girl", "a bloke", "a manager",
            "a supervisor", "your manager", "someone else", "someone there", "the last person", "the other guy",
            "the other lady", "one of your team", "customer service", "your team", "them", "him", "her", "_",
        ],
        "hadContact": [
            "called", "rang", "rung", "phoned", "contacted you", "contacted", "emailed", "messaged", "wrote", "written",
            "chatted", "complained", "reported this", "reported it", "raised this", "raised it", "spoke", "spoken", "talked",
            "spoke to <someone>", "spoken to <someone>", "talked to <someone>", "spoke with <someone>", "was on the phone",
            "been on the phone", "been in touch", "was in touch", "was told", "was promised", "were told", "were promised",
            "got told", "called you", "called in", "rang you", "rang in", "phoned in", "phoned you", "was here", "been here",
            "sent it", "sent this", "sent you", "gave you", "told you", "told them", "went through this", "had this problem",
            "had this issue", "had the same problem", "had the same issue",
        ],
    ]

    /// Phrases that signal each kind when said outright.
    static let cuePhrases: [CueKind: [String]] = [
        .cancellationThreat: [
            "<endAccount> <own>? <account>",
            "<intendTo> (be)? (cancel|cancelling|canceling)",
            "(im|i am|were|we are|im just|i am just|i will be|ill be) (cancelling|canceling)",
            "(cancel|cancelling|canceling) (it|everything|the lot|the whole thing|this|that|it all|all of it) "
                + "(now|today|immediately|right now|then|please|straight away)",
            "(cancel|cancelling|canceling) everything",
            "(cant|cannot|couldnt|unable to|trying to|tried to|been trying to) (cancel|close) <own>? <account>",
            "(trying to|tried to|been trying to) cancel",
            "<moveAway> <business>? (to|over to|with|for)? <otherProvider>",
            "(switch|switching|change|changing|move|moving) (providers|banks|suppliers|networks|companies|insurers|carriers|lenders)",
            "(switch|switching|change|changing|move|moving) (provider|bank|supplier|insurer|lender)",
            "<moveAway> <business> (elsewhere|somewhere else)",
            "(go|going|shop|shopping|bank|banking|take it|taking it|look|looking) (elsewhere|somewhere else)",
            "(im|i am|were|we are|ill be|i will be|going to be|gonna be) leaving <yourProvider>",
            "(ill|i will|im going to|i am going to|going to|gonna|want to|wanna|decided to|about to|ready to) leave <yourProvider>",
            "(leave|leaving) <yourProvider> (for|and go|and switch|and move|altogether|for good)",
            "(find|finding|look for|looking for|get|getting|shop around for|found) <otherProvider>",
            "(done|finished) with <yourProvider>",
            "never (use|using|deal with|dealing with|buy from|buying from|shop with|shopping with|bank with|banking with|order from|"
                + "ordering from|come back to|go back to|be using) <yourProvider>",
            "(you|youve|you have|youll|you will|you just|youre going to|you are going to|going to) (lost|lose|losing) "
                + "(a|my|your|our|this) (customer|business|custom|loyalty)",
            "lost a customer",
            "(lost|lose|losing) me as a customer",
            "(not|wont|will not|never) (be)? (renewing|renew)",
            "(not|wont|will not|never) (be)? (staying|stay|remaining|remain) with <yourProvider>",
            "(not|wont|will not|never) (be)? (staying|stay|remaining|remain) (a|your)? customer",
            "(want|wanna|need|like) out (of <own> <account>)?",
            "(pac|stac|porting|switching) (code|number)",
            "(port|porting) (my number|my numbers|out|my number out)",
        ],
        .cancellationRequest: [
            "<askTo> (be able to)? (cancel|cancelling|canceling|close|closing|terminate|end|stop|quit|get out of)",
            "(cancel|cancelling|canceling) (my|the|this|that|an|a|our|your|these|those)? _? _? <bookedThing>",
            "(cancellation|cancelation|cancelling|canceling) (policy|policies|fee|fees|charge|charges|terms|conditions|process|"
                + "procedure|period|window|form|request|department|team|line)",
            "(whoever|someone who|somebody who|the people who|the department that|the team that) (does|do|handles|handle|deals with) "
                + "(cancellations|cancelations|closures|closing accounts)",
        ],
        .supervisorRequest: [
            "(speak|talk|speaking|talking|chat|chatting|speak directly|talk directly) (to|with) <toSenior>",
            "(put|transfer|pass|send|connect|escalate|forward|bump|move|patch) me (through|over|up|on|across)? to <toSenior>",
            "(get|fetch|give|want|need|see|have|demand|request|bring|find|getting|wanting|ask for|asking for|requesting|demanding) "
                + "(me)? (your|a|the|ur) <seniorRole>",
            "(get|fetch|give|want|need|see|demand|request|bring|find|ask for|asking for|requesting|demanding) (me)? <seniorPerson>",
            "(your|a|the)? <seniorRole> (please|now|right now|immediately|this instant|asap)",
            "(escalate|escalating|escalation|escalated)",
            "(who is|whos|whats the name of|what is the name of) (your|the) <seniorRole>",
            "(who is|whos) in charge",
            "(is there|isnt there|theres got to be|there must be|is there not) (a|anyone|someone|somebody|any|an) "
                + "(more senior|higher up|above you|in charge|<seniorRole>)",
            "take (this|it|the matter|my complaint) (higher|further|up the chain|up the ladder|to the top)",
        ],
        .legalThreat: [
            "<legalAction>",
            "<takeTo> (my|our|a|the|your|an)? <legalParty>",
            "(my|our) <legalParty> (will|is going to|are going to|ll|is gonna|are gonna|shall|will soon|can) (be in touch|be contacting|"
                + "contact you|call you|write to you|be writing|be calling|deal with|handle|hear about|be hearing|sort this|"
                + "take it from here|have something to say|be very interested)",
            "(lawyer|lawyers|solicitor|solicitors|attorney|attorneys) (up|involved|onto this|on to this|onto you|on to you)",
            "(sue|suing) (you|u|them|your|this|the|you guys|yall|for|over|everyone|anyone|someone|somebody)",
            "(going to|gonna|will|ill|want to|wanna|have to|need to|decided to|planning to|and) sue",
            "suing",
            "(to|in|into|see you in|through the|through|before a) court",
            "(court|legal) (action|case|proceedings|claim|summons)",
            "county court",
            "(formal|official|written) complaint",
            "(make|file|lodge|raise|submit|put in|log|open|making|filing|lodging|raising|submitting) (a|an)? (formal|official)? "
                + "complaint",
            "(report|reporting) (you|u|this company|your company|you guys|you people|you lot)",
            "(call|calling|contact|contacting|go to|going to|involve|involving|get|getting) the police",
            "(go|going|contact|contacting|tell|telling|write to|writing to) (to)? the (press|papers|newspapers|media|news)",
        ],
        .repeatContact: [
            "# time (that|now)? (im|i am|ive|i have|i|weve|we have|we|ill|i will|ill be|i will be|ive had|i have had|ive been|"
                + "i have been|that i|that ive|that we|weve had|i had) (been|had)? <contacting>",
            "(this is|its|thats|that is|this will be|that will be|this would be|that makes|this makes|now its|it is) "
                + "(the|my|our|a)? # (time|times|call|calls|attempt|attempts|phone call|chat|email)",
            "for the # time",
            "(umpteenth|nth|hundredth|millionth|thousandth) time",
            "<contacted> (you|you guys|your company|this number|customer service|in|here|up|about this|about it|this|it|that|"
                + "the same thing|myself|back|you lot|you people)? (now|already|this week|today|this month|before|so far|in total)? "
                + "(like|about|around|at least|over|literally|probably|maybe|something like)? (<timesSaid>|<manyTimes>)",
            "(how many|so many) (more)? times (do i|have i|must i|should i|am i|will i|do we|have we|did i|did we) "
                + "(have to|need to|got to|gotta|got)? (call|ring|phone|tell|told|say|said|explain|explained|ask|asked|repeat|"
                + "go through|contact|called|rung|chase|chased|email|emailed|write)",
            "already (told|explained|said|given|gave|sent|provided|called|rang|rung|phoned|contacted|been through|went through|"
                + "gone through|spoken|spoke|asked|reported|complained|chased|emailed|written|raised|had this|been here|done this|"
                + "tried this)",
            "(told|explained|said|asked|gave|given) (you|this|that|it|your colleague|your colleagues|the last person|the other agent|"
                + "someone|somebody|them|everyone|him|her|you guys|you people|all this|all of this|the same thing|my details) "
                + "(this|that|all this)? (already|before|earlier|last time|yesterday|last week|previously|again|<manyTimes>|twice|"
                + "# times)",
            "(as i|like i|i) (said|told you|mentioned|explained) (before|earlier|already|previously|last time)",
            "<contacted> (this|it|that|my story|everything)? to # (different|separate)? (people|agents|advisors|advisers|departments|"
                + "teams|colleagues)",
            "(and|then) (again|once more) (on|yesterday|today|this morning|last|the next day|the day after|a week later|later)",
            "(keep|keeps|kept|keeping) (on)? (telling|explaining|saying|calling|ringing|phoning|having to|getting passed|"
                + "being passed|getting transferred|being transferred|getting cut off|being cut off|chasing|repeating|asking|"
                + "emailing|writing|getting fobbed off|being fobbed off|getting the same)",
            "(have to|having to|had to|got to|need to|make me|making me|forced to|expected to|supposed to|want me to) "
                + "(explain|repeat|go through|say|tell you) (this|it|that|everything|it all|all this|all of this|myself|"
                + "the whole thing|my story|the whole story|the same thing)? (again|all over again|over again|every time|"
                + "each time|every single time)",
            "(shouldnt|should not|dont want to|do not want to|dont wanna|refuse to) (have to)? (repeat|explain|go through) "
                + "(myself|this|it|everything|it all|all this|this all)? (again|all over again|every time)?",
            "(repeat|repeating|repeated) myself",
            "(i|we|ive|weve|i have|we have|i already|ive already|i did|i had|i was|we were|i only) <hadContact> "
                + "(about this|about it|about the same thing|about the same issue|about the same problem|in|to you|with you)? "
                + "<earlier>",
            "(last time|the last time|every time|each time|everytime|every single time|the other time|the first time) (i|we) (called|rang|phoned|"
                + "spoke|contacted you|was on the phone|chatted|call|ring|phone|contact you|speak to|spoke to|got through)",
            "(calling|called|ringing|rang|phoning|phoned|contacting|here|back|chasing|writing|emailing|messaging|chatting|"
                + "in touch|on the phone|through this|going through this|dealing with this|doing this|having to call|"
                + "having to ring|having to chase) (you|you guys|about this|about it|about the same thing|about the same issue|"
                + "about this issue|with you|to you)? (again|yet again|once again|all over again|back again)",
            "(same|this) (problem|issue|thing|fault|error|mistake) (again|as before|as last time|as last week|as last month|"
                + "keeps happening|happened before|i called about|i rang about|i reported|as i reported|every month|every time)",
            "(happened|happening|happens|going on|gone wrong|broken|broke|down|failed|wrong) (yet)? again",
            "(not|isnt|wasnt|this isnt|its not) (the|my|our) first time",
            "(still|yet to) (waiting|havent heard|havent had|havent got|havent received|hasnt been|hasnt arrived|not heard|"
                + "not received|not had|no word|no response|no reply|no answer|no refund|not been)",
            "(chasing|chase|chased) (up|this|it|this up|it up|my|the|you|again)",
            "(following|follow) up (on)? (my|the|a|our|an)? (previous|last|earlier|recent|existing|open)? (call|complaint|email|"
                + "case|ticket|conversation|chat|request|query|claim|message|letter)",
            "(been|been going|going) (back and forth|round in circles|round and round|passed around|passed from pillar to post|"
                + "pushed from pillar to post|fobbed off)",
            "(being|getting|been|got) (passed|pushed|bounced|shunted|transferred) (around|about|from pillar to post|from department to "
                + "department|from one person to another)",
            "(was|were|been|got) (promised|told|assured) (a|an)? (call back|callback|refund|response|reply|engineer|"
                + "someone would|it would|this would|that this|that it|that someone)",
            "(supposed to|meant to|promised to|said they would|said theyd|said youd|said you would|was going to) "
                + "(call|ring|phone|get|email|come) (me|us)? back",
            "(no one|nobody|noone|never|you never|they never) (has|have|has ever|have ever|ever)? (called|rang|phoned|got|came|"
                + "emailed|wrote|contacted|calls|rings|phones|gets) (me|us)? back",
        ],
        .abuse: [
            "<abuseTarget> (are|is|r|are all|are just|is just|s)? <intensifier>? <intensifier>? <intensifier>? <insult>",
            "<abuseTarget> <swearAdjective> <companyThing>",
            "(this|that|the) <swearAdjective> (company|bank|firm|outfit|business|provider|shower|lot)",
            "(what|what a|what an|such a|such an|youre a|youre an|you|u|you r|you are a|you are an) <intensifier>? <personInsult>",
            "(fuck|screw|sod|damn|bugger|stuff|feck|fk|fck|eff|f) (you|u|yall|you all|you guys|you people|you lot|your|this company|"
                + "off|yourself|yourselves)",
            "(piss|bugger|sod|naff) off",
            "go (and)? (to hell|fuck yourself|screw yourself|fuck yourselves|die)",
            "kiss my (ass|arse)",
            "shove it",
            "shut (up|the fuck up|your mouth|your face|your trap|it)",
            "up yours",
            "get stuffed",
            "drop dead",
            "(you|you people|you guys|you lot|your staff|your people|nobody here|no one here) (have|has|got|ve got)? no (idea|clue)",
            "(you|you people|you guys|you lot|your staff|they|nobody here|no one here) (dont|do not|doesnt|does not) have a clue",
            "(you|you people|you guys|you lot|your staff|they|nobody here|no one here) (dont|do not|doesnt|does not) know what "
                + "(youre|you are|theyre|they are|anyone is|theyre|they|you) (doing|are doing)",
            "(bunch|load|pack) of (idiots|clowns|morons|cowboys|muppets|amateurs|crooks|thieves|liars|useless|incompetent|"
                + "scammers|wankers)",
        ],
        .profanity: [
            "son of a (bitch|b)",
            // An insult aimed at no one in particular ("the main character is a grouchy asshole") is swearing, not abuse.
            "<personInsult>",
            "(fuck|fucks|fucking|fuckin|fucked|fucker|fk|fck|fcking|fking|effing|shit|shite|shits|shitty|bullshit|horseshit|crap|"
                + "crappy|damn|dammit|damnit|goddamn|goddamnit|bloody|bollocks|bugger|buggered|hell|piss|pissed|pissing|arse|arsed|"
                + "ass|wtf|ffs|omfg|sod|sodding)",
        ],
        .confusion: [
            "<cannot> (really|even|genuinely|honestly)? (get|know|understand|see) what (you want|youre asking|you need|you are asking|"
                + "you are after|youre after|im supposed to do|i am supposed to do|i need to do|i have to do)",
            "<cannot> (really|quite|fully|totally|even|still|genuinely|honestly)? (understand|get it|get this|get that|follow|follow you|"
                + "see what you mean|grasp|comprehend)",
            "<cannot> (really|even)? know (what that|what this|what it|what you) (means|mean|is)",
            "<cannot> (really|even)? know what (you mean|youre saying|youre talking about|youre on about|you are saying|is going on|"
                + "whats going on|youre asking)",
            "<cannot> (really|even)? know how (this|that|it) works",
            "(confused|confusing|confuses|baffled|baffling|puzzled|bewildered|perplexed|befuddled|mystified)",
            "(im|i am|i feel|feeling|im a bit|im getting|im so|im completely|im totally|im really|a bit) lost",
            "(youve|you have|you) lost me",
            "(makes|make|making) no sense",
            "(doesnt|does not|dont|do not|didnt|did not|isnt|is not|not) (really|even)? (make|making|makes) (any|much)? sense",
            "cant make sense of",
            "(what|whats) (does|do|did) (that|this|it|_|that word|all that|any of that|that all) mean",
            "what do you mean",
            "what are you (talking about|on about|saying)",
            "not (sure|clear|certain) (what|how|i understand|i follow|what you mean|what that means|which|where|i get)",
            "(im|i am|im still) not (following|with you)",
            "(not|no longer) following",
            "(can|could) you (explain|repeat|clarify|say) (that|this|it|what you said)? (again|one more time|more simply|"
                + "in plain english|slower|more slowly|differently|a bit more)",
            "explain (that|it|this) (again|more simply|in plain english)",
            "(over|above) my head",
            "no idea what (youre|you are|that|this|it|you) (means|mean|is|talking|saying|on about)",
            "how (does|do) (that|this|it) (work|works)",
            "(clear as mud|gobbledygook|double dutch|too technical|all jargon)",
            "(doesnt|does not|didnt|did not|dont|do not) add up",
        ],
        .correction: [
            "(no|no no|nope|but|actually|sorry|no sorry) i (said|meant|asked for|asked|wanted|want|need|needed|ordered|booked|"
                + "told you|specifically said|specifically asked for|clearly said)",
            "(thats|that is|that was|this is|thats still|its|it is|that isnt|this isnt) (not|still not)? (what i|the one i|what we|"
                + "the one we|the thing i) (said|asked|asked for|wanted|meant|ordered|booked|requested|need|needed|chose|picked|"
                + "was asking|was after|am after)",
            "(i|we) (didnt|did not|never) (say|said|ask for|ask|want|order|book|request|mean|agree to|choose|pick)",
            "(you|youve|you have|youve got|you got) (misunderstood|misheard|got it wrong|got that wrong|got me wrong|"
                + "mixed it up|mixed up|misread|made a mistake|put the wrong|booked the wrong|sent the wrong|given me the wrong|"
                + "entered the wrong|written down the wrong)",
            "(thats|that is|thats the|its the|you have the|youve got the|you got the|you have got the|it has the|its got the) "
                + "wrong (one|date|day|time|name|address|number|station|place|account|amount|item|size|booking|order|city|train|flight)?",
            "(thats|that is|its|it is|this is) (incorrect|not correct|not right|wrong)",
            "(that isnt|this isnt|it isnt) (right|correct)",
            "(as|like) i (said|told you|mentioned|explained|just said)",
            "let me (repeat|say that again|say it again|rephrase|spell it|spell that) (that|it|myself)?",
            "(listen|please listen) to what i (am|m|was)? (saying|said)",
        ],
        .rejection: [
            "(no|nope|nah) (thanks|thank you|thank u|ta|cheers)",
            "(not|no longer) (interested|a fan|for me|my thing|my cup of tea|what i want|what i wanted|what im looking for|"
                + "what i was looking for|what i need|what i needed|helpful|very helpful|useful|any use|good enough|any good|any better)",
            "(that|this|it|which|still|this still|that still|it still) (doesnt|does not|didnt|did not|wont|will not|isnt going to|"
                + "is not going to|cant|cannot|is not|isnt) (help|helping|work|working|fix it|fix anything|solve it|"
                + "solve anything|change anything|answer my question|answer the question)",
            "(ive|i have|i|we|weve|we have) (already)? tried (that|this|it|all that|all of that|everything|that already|this already|"
                + "it already|both)",
            "(ive|i have|weve|we have) (already)? done (that|this|it|all that|all of that|that already|this already|it already|both)",
            "(pick|suggest|recommend|give me|try|show me|find me|got|have you got|do you have) (another|another one|something else|"
                + "a different one|anything else|someone else|something different)",
            "(that one|this one|that|this|it|them|those|that film|that movie|that either|one) either",
            "neither (do|did|have|am|is|was|one|of them|of those)",
            "(not|no) (that one|this one|that|those) (either|as well|too|again)",
            "(thats|that is|that was|this is|youre|you are|youve been|you have been) (no|not much|not any|not a lot of|not really any|"
                + "of no) (help|use|good)",
            "(youre|you are|youre just|you are just|you still|youre still|you are still) not (really|very|being|even)? (helping|"
                + "helpful|listening|answering my question|answering the question)",
            "(not|never) (heard of|seen) (it|that|that one|them|any of them|any of those|either)",
        ],
        .givingUp: [
            "(forget|forget about) (it|that|this|the whole thing|all of it)",
            "(never mind|nevermind|never you mind)",
            "(dont|do not) (bother|worry about it|worry about it then)",
            "i give up",
            "(ill|i will|i guess ill|i suppose ill|i may as well|i might as well|i will just|ill just) (do it|sort it|sort it out|fix it|"
                + "figure it out|work it out|deal with it|find it|look it up|go|try|ask someone) (myself|out myself|elsewhere|somewhere "
                + "else|on my own)",
            "(whats|what is) the point",
            "(this|its|it is|this is|this is all|all this is|thats|that is) (just|so|completely|totally|utterly)? (pointless|hopeless|"
                + "a waste of time|a waste of my time|getting me nowhere|going nowhere)",
            "(im|i am|were|we are) (wasting|just wasting) (my|our) time",
            "(im|i am|were|we are) getting nowhere",
            "(not|isnt|its not|it is not) worth (it|the hassle|the effort|the bother)",
            "(i|we) (cant|cannot|can not) be bothered",
            "(fine|ok|okay|oh|meh) whatever",
            "whatever (then|ill|i will|im|i guess|just|forget it)",
            "(ill|i will|i guess ill|ill just|i will just|ill have to|i will have to) (ask|try|call|ring|go to|find|use) (someone|somebody|"
                + "somewhere|another company|another shop) else",
            "(doesnt|does not|it doesnt|it does not) matter (anymore|any more|now|then)",
            "(just)? leave it (then|there)",
            "(ill|i will|i guess ill|ill just|i will just) (leave it|live with it|manage|wait|give up)",
        ],
        .unanswered: [
            "(are you|you|is anyone|anyone|is somebody|somebody|is anybody|anybody|is there anyone|is there anybody|is someone) "
                + "(still)? (there|here|around|listening|awake)",
            "hello (hello)? (are you|you|is anyone|anyone|is anybody) (still)? (there|here)",
            "(why|how come) (arent you|are you not|is nobody|is no one|isnt anyone|is not anyone|has nobody|has no one) "
                + "(answering|responding|replying|answered|responded|replied)",
            "(did|have) you (hear|heard|read|see|get|got) (me|what i said|my question|my message|that)",
            "(still|im still|i am still|been) waiting (for)? (an answer|a reply|a response|your answer|your reply|your response|"
                + "you to answer|you to reply)",
            "(can|could) you (just)? answer (my|the) question",
        ],
        .cannotHelp: [
            "(i|we) (dont|do not|really dont|honestly dont) (know|have any idea|have an answer|have that information|have any|"
                + "have anything)",
            "(i|we) (cant|cannot|can not|am unable to|are unable to|m unable to|wont be able to|will not be able to|couldnt|could not|"
                + "am not able to|are not able to) (help|find|see|locate|do that|do anything|change|book|recommend|offer|access|"
                + "give you|tell you|answer|process|arrange|get)",
            "(there is|theres|there are|there were|there was|we have|i have|i found|i can find|i could find|weve got|ive got) "
                + "(no|not any|no more|no other) (trains|train|flights|flight|rooms|room|tables|table|seats|slots|appointments|"
                + "appointment|availability|options|results|record|records|bookings|booking|tickets|deliveries|engineers|cars|taxis|"
                + "hotels|restaurants|matches|information|details|way|refund|compensation|stock|space|vacancies)",
            "(there is|theres|there are) nothing (i|we|else i|else we) can (do|offer|find)",
            "(nothing|no one|nobody) (else)? (i|we) can (do|offer|suggest|recommend)",
            "(im|i am|were|we are) (not sure|afraid not|unable)",
            "(no|none) (available|availability|results|matches|match|trains|flights|rooms|tables|slots|appointments|options)",
            "(i|we) (dont|do not) (have|see|show) (any|anything|a record|that)",
            "(not|isnt|is not|arent|are not) (possible|available|something i can|something we can)",
            "(i|we) (couldnt|could not|didnt|did not) find (any|anything|that|it|a|your)",
            "(clearly|obviously)? (we are|were) not a good match",
        ],
        .statedAnger: [
            "(im|i am|i was|im getting|i am getting|im feeling|i am feeling|i feel|im just|i am just|were|we are|we were) <intensifier>? "
                + "<intensifier>? (furious|livid|fuming|seething|raging|outraged|incensed|irate|angry|cross|mad|frustrated|"
                + "annoyed|exasperated|disgusted|appalled|sick and tired|fed up|sick of this|sick of it|sick of you|sick of your)",
            "(im|i am|were|we are) at (the end of my|my wits|the end of our) (tether|end|rope)",
            "(im|i am|were|we are|im getting|im really|im so|im absolutely|im well|im pretty) (cheesed off|hacked off|brassed off|"
                + "peeved|pissed off|ticked off|teed off|wound up|steaming|beside myself)",
            "(ive|i have|weve|we have|i|we) (honestly|really|truly|just|now|finally)? (had it up to here|had enough|had it with|"
                + "reached my limit|lost my patience|run out of patience|lost patience)",
            "give me strength",
            "(my|our) patience (is|has) (running out|run out|wearing thin|gone|worn thin|at an end)",
            "(this|that|it|this whole thing|the service) (is|was|has been|is just|is an|is a|is absolutely|"
                + "is completely|is totally|is frankly|is honestly)? (a|an|an absolute|a complete|a total|an utter|such a)? (joke|farce|"
                + "shambles|disgrace|nightmare|scandal|outrage|disaster|shocker|sick joke|fiasco|mess)",
            "what a (joke|farce|shambles|disgrace|nightmare|shower|mess|fiasco|carry on|waste of time)",
            "(this|that|it|this service) (is|was|has been|is just|is absolutely|is completely|is totally|is frankly) "
                + "(unacceptable|ridiculous|outrageous|appalling|disgraceful|pathetic|shocking|diabolical|atrocious|absurd|beyond a joke|"
                + "beyond belief|not on|not good enough|not acceptable|a waste of time)",
            "(absolutely|completely|totally|utterly|frankly)? (unacceptable|ridiculous|outrageous|appalling|disgraceful|diabolical|"
                + "atrocious|unbelievable)",
            "how (is|was) (this|that|it) (acceptable|allowed|possible|fair|right|ok|okay)",
            "(this|that|it|you|your company|this whole thing) (is|are|has been|have been|was|makes me|made me|is making me) <intensifier>? "
                + "(frustrating|infuriating|maddening|exasperating|angry|furious|so angry|really angry|mad)",
        ],
        .sarcasm: [
            "(thanks|thank you|thanks a lot|thank you very much|cheers|ta) for nothing",
            "no thanks to (you|your)",
            "(oh|well|yeah|ah|great) (great|wonderful|brilliant|lovely|perfect|fantastic|marvellous|fabulous|super|terrific|"
                + "excellent|splendid|joy|goody)",
            "(great|wonderful|brilliant|lovely|perfect|fantastic|marvellous|fabulous|super|terrific|excellent) (thats|that is|its|"
                + "this is|just)? just (great|wonderful|brilliant|lovely|perfect|fantastic|marvellous|fabulous|super|terrific|excellent)",
            "(thats|that is|well thats|this is|its)? just what (i|we) (needed|need|wanted)",
            "(im|i am|i bet|im sure|i am sure) (sure)? (that|it|this|a note) (will|would|is going to|ll) (do wonders|work wonders|"
                + "make all the difference|make a world of difference|fix everything|solve everything|sort it all out)",
            "(whats|what is|what) another (day|week|fortnight|month|year|hour|few days|few weeks|couple of weeks|couple of days)",
            "(amazing|brilliant|great|fantastic|wonderful|excellent|outstanding|stellar|superb|top notch|lovely|fab) "
                + "(service|customer service|job|work|stuff) as (always|usual|ever)",
            "thanks a (lot|bunch|million)",
            "(cheers|thanks) a bunch",
            "yeah right",
            "how (lovely|wonderful|convenient|nice|marvellous) (for you|of you)?",
        ],
        .gratitude: [
            "(thank you|thankyou|thank u|thanks|thanx|thnx|thx|cheers|many thanks|much appreciated|much obliged|ta very much)",
            "(appreciate|appreciated) (it|that|this|you|your help|the help|everything|all your help|your time|your patience|"
                + "all you have done|all youve done|what youve done|your effort|you helping|your assistance|all of this)",
            "(youve|you have|you were|youre|you are|that was|that has been|thats been|this has been) (been)? (really|very|so|"
                + "extremely|super|incredibly|most|such|absolutely|ever so|really very)? (helpful|great|brilliant|fantastic|amazing|"
                + "wonderful|excellent|lovely|a star|a great help|a big help|a huge help|a massive help|a lifesaver|a life saver|"
                + "kind|very kind|so kind|a gem|an angel|a legend|superb|first class|outstanding|great help|big help|huge help|"
                + "a great help)",
            "(very|really|so|extremely|super|incredibly|most|ever so) helpful",
            "(grateful|thankful|gratitude)",
            "(bless you|god bless|you star|you legend|lifesaver|life saver)",
            "(cant|cannot|can not) thank you enough",
        ],
        .resolution: [
            "(that|this|thats|which|you|youve|you have|it|its|that has|this has|you just|that just|youve just|thats just) "
                + "(fixed|sorted|solved|resolved|done) (it|the problem|the issue|that|everything|things|my problem|my issue|"
                + "it for me|the trick)",
            "(its|it is|its all|it has been|its been|thats|that is|that has been|everything is|everythings|everything has been|"
                + "all|were all|were|problem|issue|the problem is|the issue is|the problem has been|the issue has been|"
                + "my problem is|my issue is|everything) (now|all|finally|completely|totally)? (fixed|sorted|solved|resolved)",
            "(thats|thats all|its all|all|that is all|everythings) done (now|then|thanks|thank you)?",
            "(it|its|it is|its all|everything|everythings|everything is|it all|all) (now|finally)? (works|working) "
                + "(now|again|fine now|perfectly|fine|great|a treat)",
            "(that|this) (worked|did it|did the trick|works)",
            "(thats|that is|that was|thats literally) (all|everything) (i|we) (needed|need|wanted|want|was after)",
            "(thats|that is) all (for today|for now|thanks|thank you|cheers|i needed|i wanted)",
            "(thats|that is|thats been) everything",
            "nothing else (thanks|thank you|i need|today|for now)",
            "(you|youve|you have|that|that has|thats) answered my question",
            "that answers (my question|it|everything)",
            "that (helps|helped)",
            "all good (now|thanks|thank you|cheers)",
            "(i can|we can) (log in|login|see it|access it|get in|sign in|use it|make calls) now",
            "now (i|we) can (log in|login|see it|access it|get in|sign in|use it|make calls)",
            "(its|it has|its just|it has just|thats) (gone|come) through",
            "(thanks|thank you|cheers) for (sorting|fixing|resolving|solving) (that|this|it|everything|that out|it out|this out|"
                + "it all|all that)",
        ],
    ]

    /// Phrases that signal a kind only as a possibility: "thinking about switching", "I might cancel".
    static let hypotheticalPhrases: [CueKind: [String]] = [
        .cancellationThreat: [
            "(thinking about|thinking of|considering|contemplating|tempted to|tempted|looking into|weighing up) (cancelling|"
                + "canceling|cancel|closing|leaving|switching|changing provider|going elsewhere|taking my business|ending|"
                + "terminating|quitting)",
            "(might|may|could|would|probably|maybe|perhaps) (just|have to|need to|end up|well|always|simply)? (cancel|cancelling|"
                + "switch|switching|leave you|leave <yourProvider>|go elsewhere)",
            "(if i|if we|what if i|if i were to|if i was to|should i|if i do) (cancel|close|leave|switch)",
        ],
        .legalThreat: [
            "(thinking about|thinking of|considering|contemplating|tempted to) (suing|legal action|taking legal action|"
                + "going to the ombudsman|complaining to the ombudsman|reporting you)",
            "(could|might|may|would) (just|always|easily)? sue",
        ],
    ]

    /// Phrases that look like a cue of their kind but are not one; a cue of that kind overlapping them is dropped.
    static let vetoPhrases: [CueKind: [String]] = [
        .confusion: [
            // "You don't understand" is frustration at the agent, not the customer being lost.
            "(you|they|he|she|your staff|nobody|no one) (just|really|clearly|obviously|simply)? (dont|do not|didnt|did not|"
                + "cant|cannot|can not) (understand|get it)",
            "(dont|didnt|never|do not|did not|doesnt|does not) follow (up|through|the)",
            "lost me as a customer",
        ],
        .cancellationThreat: [
            // Cancelling one order or payment is routine, not the customer leaving.
            "(cancel|cancelling|canceling|stop|stopping|change|changing) (my|the|this|that|an|a|our|your|these|those)? _? _? <bookedThing>",
            "(cancel|cancelling|canceling|stop|stopping) (my|the|this|that|an|a|our|your)? subscription renewal reminder",
            // Asked for, not threatened: a cancellation request.
            "<askTo> (be able to)? <endAccount>",
            "(leave|leaving) (you|u) (a|an|some|good|great|positive|bad|my|with|to|alone|in peace|on hold|five|5)",
            "(leave|leaving) (a|an|some) (review|feedback|message|note|voicemail|rating|comment)",
            // A past intention is not a threat now.
            "(was|were) (going to|gonna|about to|planning to|ready to|thinking of|thinking about|considering) (cancel|cancelling|"
                + "leave|leaving|switch|switching|close|closing)",
            // Money or a payment going to another bank is not the customer going.
            "(did|does|will|would|should|could|it|money|payment|transfer|funds|has it|has the money) (go|going|gone) to",
        ],
        .supervisorRequest: [
            "my <seniorRole>",
            "(been|was|already|were|is being|has been|have been|being) escalated",
        ],
        .legalThreat: [
            "(lasting|enduring)? power of attorney"
        ],
        .abuse: [
            // An exclamation, aimed at no one.
            "son of a bitch",
            // Calling oneself names is not abuse.
            "(im|i am|i was|i feel like|i feel|i must be|i must look like|i look like|i sound like|me look like|me feel like|"
                + "like a|like an|like an absolute|like a complete|like a total|me like a|me like an|myself) <intensifier>? "
                + "<intensifier>? (idiot|idiots|moron|muppet|fool|clown|numpty|stupid|dumb|thick|useless|hopeless|dickhead|prick)",
        ],
        .profanity: [
            // Calling oneself names is not swearing at anyone.
            "(im|i am|i was|i feel like|i feel|i must be|i must look like|i look like|i sound like|me look like|me feel like|"
                + "like a|like an|like an absolute|like a complete|like a total|me like a|me like an|myself) <intensifier>? "
                + "<intensifier>? (idiot|idiots|moron|muppet|fool|clown|numpty|stupid|dumb|thick|useless|hopeless|dickhead|prick)"
        ],
        .gratitude: [
            "(thanks|thank you|thanks a lot|thank you very much|cheers|ta) for nothing",
            // "No thanks" turns something down.
            "(no|nope|nah) (thanks|thank you|thank u|ta|cheers)",
            "no thanks to (you|your)",
            "thank (god|goodness|heavens|christ|the lord)",
            "thanks but no thanks",
        ],
        .resolution: [
            // Someone else's claim that it is fixed is not the customer confirming it.
            "(said|says|told me|claimed|claim|claims|promised|promises|promise|promising|supposedly|apparently|meant to be|supposed to be|thought|assured me) "
                + "(that)? (its|it is|it was|it would be|everything is|everythings|it has been|its been|this is|it|that|this|"
                + "everything was|it had been|that it was)? (all)? (fixed|sorted|resolved|working|done|solved)",
            // A question or a hope is not a confirmation.
            "(has|have|did|does|will|would|should|might|hopefully|hope|once|if|is) (that|this|it|you|everything) (has|is)? "
                + "(fixed|sorted|solved|resolved|done|worked|works|work|working)",
            "fixed (rate|price|term|for|fee|income|until|amount|charge|line|date|deposit|period)",
        ],
    ]
}
