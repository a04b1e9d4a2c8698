"""The rest of Brightside's front door over the last four weeks: extra-familial harm away from the Route 7 cluster,
concerns at home (no extra-familial risk, so routed by threshold level), the referrals screened since the last triage
meeting, and those still waiting. See referral_data.py for the cluster, Asif's friends and the strategy discussion.

All invented; any likeness to a real person is chance.
"""

from __future__ import annotations

from safecontext.demo.referral_specs import (
    AWAITING,
    CONSENT,
    CONTEXT,
    NEXT_TRIAGE,
    NOT_SOUGHT_RISK,
    OBJECT,
    OVERDUE,
    PUBLIC_TASK,
    SCREENED,
    ReferralSpec,
    ScreeningSpec,
    act,
    mention,
)

RIDGEWAY_DSL = "Ridgeway Community College (Designated Safeguarding Lead)"

# Extra-familial harm elsewhere in Brightside.
ELSEWHERE: tuple[ReferralSpec, ...] = (
    ReferralSpec(
        "ruby", SCREENED, 24, "12:15", "2A", "Anita Lowe", RIDGEWAY_DSL,
        "a.lowe@ridgeway.example",
        "Ruby-Mae (13) told a friend she has a boyfriend of 19 she met through the Instagram page 'Brightside "
        "Links'. He messages her late at night from @jayy.b_19 and has asked her for photos. She has been tired and "
        "withdrawn in lessons.",
        CONSENT, "Ruby-Mae's mother agreed to the referral; Ruby-Mae knows.", "fd.nadia", children=("fd.ruby",),
        mentions=(
            mention(CONTEXT, "Instagram page 'Brightside Links'", "c:brightside-links", "frequents", "harmful"),
            mention(OBJECT, "@jayy.b_19", "o:jayy-handle", "mentioned_with", "harmful"),
            mention(CONTEXT, "Ridgeway", "c:ridgeway-college", "attends"),
        ),
        screening=ScreeningSpec(
            ("cdn-4-11", "cdn-2-14", "cdn-2-16"), "medium",
            "Online grooming by an adult; no meeting in person known; her mother is protective.", "fd.nadia",
            at="15:05",
            triage_decision="Police to identify the account holder. School to do online-safety work with Ruby-Mae "
            "and her mother.",
            actions=(
                act("Identify the holder of @jayy.b_19", "police.leon", 5),
                act("Online-safety sessions with Ruby-Mae and her mother", "school.ruth", 10, done=False),
            ),
        ),
    ),
    ReferralSpec(
        "oskar", SCREENED, 21, "16:10", "5B", "Nathan Crisp", "Brightside Youth Offending Service",
        "n.crisp@brightside.example",
        "Oskar (15) was arrested at Tidemill skate park with 14 wraps of cannabis and £90. He says they were for 'a "
        "mate' and won't name anyone. I am worried he is holding for older boys from the 'LP' group.",
        PUBLIC_TASK, "Oskar and his mother know the youth offending service has referred; consent not needed for "
        "a safeguarding referral.", "fd.sam", children=("fd.oskar",),
        mentions=(
            mention(CONTEXT, "Tidemill skate park", "c:tidemill-skatepark", "frequents", "harmful"),
            mention(CONTEXT, "the 'LP' group", "c:lp-group", "member_of", "harmful"),
        ),
        screening=ScreeningSpec(
            ("cdn-3-15", "cdn-3-13"), "low",
            "Arrested for possession; a youth offending worker is already involved; no adult known to be directing "
            "him.", "fd.sam", at="11:50",
            triage_decision="Youth offending worker stays lead; Empower Youth to invite Oskar to the skate park "
            "drop-in.",
        ),
    ),
    ReferralSpec(
        "jayden", SCREENED, 16, "09:50", "7", "Karen Dobbs", "Probation Service", "k.dobbs@probation.example",
        "Jayden's older brother Aaron (22) has been released on licence after a sentence for supply. Jayden (17) "
        "lives with him, has stopped going to college and spends nights in the Wrenfold House stairwells with "
        "Aaron's associates.",
        "legal_obligation", "Shared under the duty to co-operate in managing his brother's licence (Criminal "
        "Justice Act 2003, s.325); Jayden has not been asked.",
        "fd.nadia", children=("fd.jayden",),
        mentions=(
            mention(CONTEXT, "Wrenfold House stairwells", "c:wrenfold-stairwells", "frequents", "harmful"),
            mention(CONTEXT, "college (Seagrave)", "c:seagrave-sixth-form", "attends"),
        ),
        screening=ScreeningSpec(
            ("cdn-2-09", "cdn-3-15"), "low",
            "At risk through his brother's associates; no offending of his own; 17 and willing to talk.", "fd.nadia",
            at="13:15", triage_decision="Signpost Jayden to the post-16 participation team; Empower Youth to offer "
            "a mentor.",
        ),
    ),
    ReferralSpec(
        "dylan", SCREENED, 20, "17:35", "6", "PC Sian Marsh", "Brightside Police (response team)",
        "Police control room, reference BP-4188",
        "Dylan (14) was found with a lock knife in his bag at Coldean Vale playing fields after a fight between two "
        "groups of boys. He says he carries it 'for protection' since being robbed in the Rookery Row underpass.",
        PUBLIC_TASK, "Dylan's parents were told by officers that a referral would be made.", "fd.sam",
        children=("fd.dylan",),
        mentions=(
            mention(CONTEXT, "Coldean Vale playing fields", "c:coldean-fields", "frequents", "harmful"),
            mention(CONTEXT, "Rookery Row underpass", "c:rookery-underpass", "harmed_at", "harmful"),
        ),
        screening=ScreeningSpec(
            ("cdn-3-15", "cdn-2-13"), "medium",
            "Carrying a knife after being robbed: at risk as victim and as someone who could seriously hurt another.",
            "fd.sam", at="10:05",
            triage_decision="Empower Youth knife-crime sessions; police to look at the underpass robberies together.",
            actions=(act("Knife-crime sessions with Dylan", "yw.jade", 5),),
        ),
    ),
    ReferralSpec(
        "finn", SCREENED, 25, "13:05", "2A", "Ben Askew", "Downsview School (school counsellor)",
        "b.askew@downsview.example",
        "Finn (13) is being mocked in a Discord server called 'Tidemill Gamers' run by older boys; they have posted "
        "his address. He has missed four days this month.",
        CONSENT, "Finn and his father agreed to the referral.", "fd.nadia", children=("fd.finn",),
        mentions=(
            mention(CONTEXT, "Discord server 'Tidemill Gamers'", "c:tidemill-discord", "member_of", "harmful"),
            mention(CONTEXT, "Downsview School", "c:downsview-school", "attends"),
        ),
        screening=ScreeningSpec(
            ("cdn-2-19", "cdn-2-01", "cdn-2-16"), "low",
            "Online bullying by older boys with his address posted; no threats made in person.", "fd.nadia",
            at="15:30", triage_decision="School to lead; police to ask Discord to take the post down.",
        ),
    ),
    ReferralSpec(
        "alfie", SCREENED, 11, "10:40", "2A", "Gareth Pryce", "Downsview School (Head of Year 10)",
        "g.pryce@downsview.example",
        "Alfie (15) has been smoking cannabis at lunchtime at Downsview Retail Park and was excluded for a day. "
        "His parents are supportive and want help.",
        CONSENT, "Alfie's parents asked for the referral.", "fd.sam", children=("fd.alfie",),
        mentions=(mention(CONTEXT, "Downsview Retail Park", "c:downsview-retail", "frequents"),),
        screening=ScreeningSpec(
            ("cdn-2-15", "cdn-2-03"), "low", "Cannabis use with friends; nobody known to be supplying him.",
            "fd.sam", at="14:10", triage_decision="Refer to the young people's substance misuse service; school "
            "pastoral support.",
        ),
    ),
    ReferralSpec(
        "known1", SCREENED, 20, "14:00", "2A", "Anita Lowe", RIDGEWAY_DSL,
        "a.lowe@ridgeway.example",
        "{given} has missed lessons after lunch three times this week and was seen at the seafront arches with "
        "older teenagers. {given}'s social worker is copied in.",
        PUBLIC_TASK, "The family know the school shares attendance concerns with children's services.", "fd.nadia",
        children=("@known1",),
        mentions=(
            mention(CONTEXT, "the seafront arches", "c:seafront-arches", "frequents", "harmful"),
            mention(CONTEXT, "the seafront lot", "c:seafront-group", "member_of", "harmful"),
        ),
        screening=ScreeningSpec(
            ("cdn-2-01", "cdn-2-02"), "low", "Missing lessons and with older teenagers at the arches; no adult "
            "known to be involved.", "fd.nadia", at="16:00",
            triage_decision="Already has an allocated worker: passed to them for the next visit.",
        ),
    ),
)  # fmt: skip

# Concerns at home: no extra-familial risk, routed by threshold level.
AT_HOME: tuple[ReferralSpec, ...] = (
    ReferralSpec(
        "tobi", SCREENED, 26, "08:55", "2A", "Denise Rolfe", "Ridgeway Community College (attendance officer)",
        "d.rolfe@ridgeway.example",
        "Tobi (12) has missed 22 days this term. He says he stays home to look after his mum, who has multiple "
        "sclerosis, and his little sister. He is often late and hungry.",
        CONSENT, "Tobi's mother agreed and would welcome help.", "fd.sam", children=("fd.tobi",),
        screening=ScreeningSpec(("cdn-2-18", "cdn-3-01"), "none", "No concerns outside the home.", "fd.sam",
                                at="12:30"),
    ),
    ReferralSpec(
        "lily", SCREENED, 22, "11:30", "3C", "Amara Boateng", "School Nursing, Brightside Health",
        "a.boateng@brightside-health.example",
        "Lily (9) has had head lice all term, has missed two dental appointments and her uniform is often dirty. "
        "Mum says she is struggling since her partner left and would like help.",
        CONSENT, "Lily's mother asked for help and agreed to the referral.", "fd.nadia", children=("fd.lily",),
        mentions=(mention(CONTEXT, "Harrowmead Primary", "c:harrowmead-primary", "attends"),),
        screening=ScreeningSpec(("pc-2-03", "cdn-2-11"), "none", "No concerns outside the home.", "fd.nadia",
                                at="14:45"),
    ),
    ReferralSpec(
        "charlie", SCREENED, 17, "19:20", "1B", "A neighbour (name held by the front door)", "",
        "By phone to the front door",
        "The boy next door, Charlie, he's about 11, and his little brother are left on their own most nights. I "
        "hear them crying and their mum doesn't come back till the morning.",
        PUBLIC_TASK, "The neighbour asked that the family is not told who called. The family's consent was not "
        "sought before deciding on next steps.", "fd.sam", children=("fd.charlie",),
        screening=ScreeningSpec(
            ("pc-3-03",), "none", "No concerns outside the home.", "tm.frontdoor", decided_level=4, at="10:30",
            level_rationale="Left alone most nights at 11 with a younger brother: continuing poor supervision that "
            "needs a social care assessment, not early help.",
        ),
    ),
    ReferralSpec(
        "zainab", SCREENED, 13, "12:50", "2A", "Anita Lowe", RIDGEWAY_DSL,
        "a.lowe@ridgeway.example",
        "Zainab told her form tutor she is being taken abroad in the summer to be married and that she does not want "
        "to go. She asked us not to tell her parents.",
        PUBLIC_TASK, "Not sought from her parents: telling them could put Zainab at risk (multi-agency guidance on "
        "forced marriage). Zainab knows we have referred.", "fd.nadia", children=("fd.zainab",),
        mentions=(mention(CONTEXT, "Ridgeway", "c:ridgeway-college", "attends"),),
        screening=ScreeningSpec(("fe-4-07",), "none", "The risk is within the family.", "tm.frontdoor", at="14:00"),
    ),
    ReferralSpec(
        "reuben", SCREENED, 10, "15:15", "3A", "Dr Hannah Wilde", "Linnet Park Surgery (GP)",
        "Surgery safeguarding lead, 01632 960301",
        "Reuben's mother has severe depression and told me she has hardly been out of bed for a fortnight. Reuben "
        "(10) is getting himself to school and making the meals. She agreed to a referral for family support.",
        CONSENT, "Reuben's mother agreed.", "fd.sam", children=("fd.reuben",),
        screening=ScreeningSpec(("pc-3-01", "cdn-2-18"), "none", "No concerns outside the home.", "fd.sam",
                                at="16:20"),
    ),
    ReferralSpec(
        "poppy", SCREENED, 14, "10:10", "2A", "Simon Treadwell", "Starling Close Primary School (headteacher)",
        "s.treadwell@starling.example",
        "Poppy (8) told her teacher that daddy hit mummy on Saturday and she hid under her bed. Mum has a bruise on "
        "her face. Poppy is very anxious about going home.",
        PUBLIC_TASK, "Not sought before the referral: the school judged that telling the parents first could "
        "increase the risk to Poppy and her mother.", "fd.nadia", children=("fd.poppy",),
        mentions=(mention(CONTEXT, "Starling Close Primary", "c:starling-primary", "attends"),),
        screening=ScreeningSpec(("fe-4-03",), "none", "The risk is within the family.", "fd.nadia", at="11:40"),
    ),
    ReferralSpec(
        "ethan", SCREENED, 25, "11:45", "2A", "Claire Byfleet", "Downsview School (SENCo)",
        "c.byfleet@downsview.example",
        "Ethan (12) is waiting for an ADHD assessment and is often sent out of lessons. His parents are asking for "
        "support with his behaviour at home.",
        CONSENT, "Ethan's parents asked for the referral.", "fd.sam", children=("fd.ethan",),
        screening=ScreeningSpec(
            ("cdn-2-03", "cdn-1-01", "pc-1-01"), "none", "No concerns outside the home.", "fd.sam", decided_level=1,
            at="14:20",
            level_rationale="School SEN support and the ADHD pathway are meeting Ethan's needs; his parents want to "
            "know what else is on offer: signpost them to the Family Information Service and a parenting course.",
        ),
    ),
    ReferralSpec(
        "maya", SCREENED, 18, "16:40", "3C", "Amara Boateng", "School Nursing, Brightside Health",
        "a.boateng@brightside-health.example",
        "Maya (15) showed me cuts on her arms at a drop-in. She says she has felt low since the autumn and has been "
        "self-harming weekly. She is already waiting for CAMHS. Her parents know and are supportive.",
        CONSENT, "Maya and her parents agreed.", "fd.nadia", children=("fd.maya",),
        screening=ScreeningSpec(
            ("cdn-4-05", "cdn-3-16"), "none", "No concerns outside the home.", "fd.nadia", decided_level=3,
            at="09:50",
            level_rationale="CAMHS have triaged Maya and her parents are protective and engaged: early help "
            "alongside CAMHS rather than a social care assessment.",
        ),
    ),
    ReferralSpec(
        "noah", SCREENED, 27, "02:30", "6", "PC Ravi Sandhu", "Brightside Police (domestic abuse notifications)",
        "Police control room, reference BP-3950",
        "Officers were called at 01:40 to a verbal argument between Noah's mother and her partner. No assault "
        "disclosed; Noah (9) was asleep upstairs. Third call-out this year. DASH risk assessment: standard.",
        PUBLIC_TASK, "Domestic abuse notification shared under the police's safeguarding duty.", "fd.sam",
        children=("fd.noah",),
        screening=ScreeningSpec(("fe-3-04", "fe-2-03"), "none", "No concerns outside the home.", "fd.sam",
                                at="10:15", late=True),
    ),
    ReferralSpec(
        "siddiqui", SCREENED, 23, "13:30", "3C", "Amara Boateng", "School Nursing, Brightside Health",
        "a.boateng@brightside-health.example",
        "Inaya (12) and Ayaan (9) told me their mum's partner shouts at them and threw a chair last week. Inaya has "
        "stopped eating lunch. Mum says things are better now and agreed to the referral.",
        CONSENT, "The children's mother agreed.", "fd.nadia", children=("fd.inaya", "fd.ayaan"),
        screening=ScreeningSpec(("fe-3-04", "cdn-2-17"), "none", "No concerns outside the home.", "fd.nadia",
                                at="15:50"),
    ),
    ReferralSpec(
        "khoury", SCREENED, 14, "10:55", "4", "Joanne Pike", "Brightside Council housing options",
        "j.pike@brightside.example",
        "The family (mother, Rania 14, Bilal 11) are in one room of a hostel after being evicted, with no recourse "
        "to public funds while their immigration status is reviewed. The children are missing school because of the "
        "distance.",
        CONSENT, "The children's mother agreed.", "fd.sam", children=("fd.rania", "fd.bilal"),
        screening=ScreeningSpec(("fe-3-05", "fe-3-03", "cdn-2-01"), "none", "No concerns outside the home.",
                                "fd.sam", at="15:10"),
    ),
    ReferralSpec(
        "pelling", SCREENED, 8, "03:15", "6", "PC Ravi Sandhu", "Brightside Police (domestic abuse notifications)",
        "Police control room, reference BP-4560",
        "Officers attended at 02:40 after neighbours reported screaming. Kian (10) and Ava (8)'s father had "
        "assaulted their mother, who was taken to hospital with a head injury. He was arrested. The children were "
        "awake and Kian called 999. DASH risk assessment: high; referred to MARAC.",
        PUBLIC_TASK, "Shared under the police's safeguarding duty; the children's mother was told.", "fd.nadia",
        children=("fd.kian", "fd.ava"),
        screening=ScreeningSpec(("fe-4-03", "fe-4-02"), "none", "The risk is within the family.", "tm.frontdoor",
                                at="09:35"),
    ),
    ReferralSpec(
        "sienna", SCREENED, 11, "09:05", "3A", "Dr Hannah Wilde", "Linnet Park Surgery (GP)",
        "Surgery safeguarding lead, 01632 960301",
        "Sienna (14) has lost a lot of weight and her parents are worried about an eating disorder. I have referred "
        "her to CAMHS; the family would like support while they wait.",
        CONSENT, "Sienna and her parents agreed.", "fd.sam", children=("fd.sienna",),
        screening=ScreeningSpec(("cdn-3-10", "cdn-3-16"), "none", "No concerns outside the home.", "fd.sam",
                                at="13:40"),
    ),
    ReferralSpec(
        "known2", SCREENED, 12, "12:20", "5A", "Rachel Fenn", "Brightside Adult Social Care",
        "r.fenn@brightside.example",
        "{given}'s parent, whom we support for alcohol dependency, has relapsed and told us they are struggling to "
        "care for {given}. They agreed to us contacting children's services.",
        CONSENT, "The parent agreed.", "fd.nadia", children=("@known2",),
        screening=ScreeningSpec(("pc-3-01",), "none", "No concerns outside the home.", "fd.nadia", at="15:25"),
    ),
)  # fmt: skip

# Screened since the last triage meeting: on the agenda of the next one.
SINCE_LAST_TRIAGE: tuple[ReferralSpec, ...] = (
    ReferralSpec(
        "amelia", NEXT_TRIAGE, 0, "", "3D", "Joanna Fry", "Brightside Sexual Health Clinic (nurse)",
        "Clinic safeguarding lead, 01632 960275",
        "Amelia-Rose (16) has asked for emergency contraception three times in two months and told me her boyfriend "
        "is 24 and 'gets her stuff'. She was vague about where she stays at weekends but mentioned the seafront "
        "arches.",
        CONSENT, "Amelia-Rose is 16; she agreed to the referral after we talked it through.", "fd.sam",
        children=("fd.amelia",),
        mentions=(
            mention(CONTEXT, "the seafront arches", "c:seafront-arches", "frequents", "harmful"),
            mention(CONTEXT, "the people she goes to the arches with", "c:seafront-group", "member_of", "harmful"),
        ),
        screening=ScreeningSpec(("cdn-3-14", "cdn-4-11"), "medium",
                                "Signs of sexual exploitation by an adult; she is talking to the clinic.", "fd.sam"),
    ),
    ReferralSpec(
        "mia", NEXT_TRIAGE, 0, "", "3E", "Dr Laura Keane", "Emergency Department, Brightside General Hospital",
        "ED safeguarding line, 01632 960150",
        "Mia (14) was brought in by ambulance, very drunk, after being found at the seafront arches with a group "
        "of older men who left when the ambulance arrived. She had a cut lip and did not know how she got it.",
        PUBLIC_TASK, "Mia's mother was told at the hospital that a referral would be made.", "fd.nadia",
        children=("fd.mia",),
        mentions=(mention(CONTEXT, "the seafront arches", "c:seafront-arches", "harmed_at", "harmful"),),
        screening=ScreeningSpec(("cdn-3-13", "cdn-4-18", "cdn-4-11"), "medium",
                                "Drunk and hurt with older men at a place other referrals name.", "fd.nadia"),
    ),
    ReferralSpec(
        "kiara", NEXT_TRIAGE, 0, "", "2A", "Anita Lowe", RIDGEWAY_DSL,
        "a.lowe@ridgeway.example",
        "Kiara (15) shared a nude image of another pupil in her friendship group's chat. She says the group pressured "
        "her into it. The school has a plan with both families.",
        PUBLIC_TASK, "Both families know the school has referred.", "fd.sam", children=("fd.kiara",),
        mentions=(
            mention(CONTEXT, "her friendship group", "c:tidemill-girls", "member_of", "harmful"),
            mention(CONTEXT, "Ridgeway", "c:ridgeway-college", "attends"),
        ),
        screening=ScreeningSpec(
            ("cdn-4-09",), "low", "Pressure within a peer group; no adult involved.", "fd.sam", decided_level=3,
            level_rationale="A first incident that Kiara accepts was wrong, with a school plan already in place: "
            "Early Help Partnership Plus with the school's pastoral team.",
        ),
    ),
    ReferralSpec(
        "garages", NEXT_TRIAGE, 0, "", "4", "Dean Collyer", "Brightside Homes (housing officer)", "01632 960233",
        "Residents of Ferryman Lane report young people, some in school uniform, at the lock-up garages after dark "
        "most evenings. Nitrous oxide canisters and small bags are left behind. Twice a grey Audi (ZP19 QXK) has "
        "pulled up and the driver handed something to one of the boys. Garage 14 has been broken into and someone "
        "seems to be sleeping there.",
        PUBLIC_TASK, "A referral about a place; no one is named.", "fd.nadia", context="ferryman-garages",
        mentions=(mention(OBJECT, "grey Audi (ZP19 QXK)", "o:grey-audi", "mentioned_with", "harmful"),),
        screening=ScreeningSpec(("cdn-3-13", "cdn-4-11"), "medium",
                                "Young people drawn into supply at a place nobody watches; the car links to an adult "
                                "already known from Asif's case.", "fd.nadia"),
    ),
    ReferralSpec(
        "known3", NEXT_TRIAGE, 0, "", "6", "PC Sian Marsh", "Brightside Police (response team)",
        "Police control room, reference BP-4703",
        "{given} was stopped at 23:00 in Brightside Station car park with two older boys from the 'LP' group, who "
        "ran. {given} had a knuckle duster.",
        PUBLIC_TASK, "Shared under the police's safeguarding duty; {given}'s family were told.", "fd.sam",
        children=("@known3",),
        mentions=(
            mention(CONTEXT, "Brightside Station car park", "c:station-car-park", "frequents", "harmful"),
            mention(CONTEXT, "the 'LP' group", "c:lp-group", "associates", "harmful"),
        ),
        screening=ScreeningSpec(("cdn-3-15", "cdn-2-13"), "low",
                                "Carrying a weapon with older boys; already has an allocated worker.", "fd.sam"),
    ),
)  # fmt: skip

# Waiting to be screened.
WAITING: tuple[ReferralSpec, ...] = (
    ReferralSpec(
        "hamza", AWAITING, 0, "21:10", "9", "Anonymous caller", "", "",
        "A boy called Hamza from Linnet Park is selling drugs for older men from a flat in Wrenfold House. He's "
        "there every night with the LP boys and he's been beaten up. I'm not giving my name.",
        PUBLIC_TASK, "Anonymous: the caller would not give a name. The family's consent has not been sought before "
        "screening.", "fd.nadia", children=("fd.hamza",),
        mentions=(
            mention(CONTEXT, "a flat in Wrenfold House", "c:wrenfold-stairwells", "frequents", "harmful"),
            mention(CONTEXT, "the LP boys", "c:lp-group", "member_of", "harmful"),
        ),
    ),
    ReferralSpec(
        "jakub", AWAITING, 0, "10:30", "5C", "Sarah Okafor-Reyes", "Northgate Borough Council children's services",
        "s.okafor-reyes@northgate.example",
        "The Wrona family moved to Brightside last month. Jakub (13) was on a child in need plan with us for neglect "
        "(poor home conditions, missed health appointments) and the plan was due for review. Please take it over.",
        CONSENT, "Jakub's mother agreed to the plan being transferred.", "fd.sam", children=("fd.jakub",),
    ),
    ReferralSpec(
        "aaliyah", OVERDUE, 1, "13:40", "2B", "Paul Hendy", "Seagrave Sixth Form College (student services)",
        "p.hendy@seagrave.example",
        "Aaliyah (16) has been reported missing three times this month and was found once in London. She came back "
        "with a new phone and her nails done and will not say who paid. She has stopped coming to college.",
        PUBLIC_TASK, NOT_SOUGHT_RISK, "fd.nadia", children=("fd.aaliyah",),
        mentions=(mention(CONTEXT, "Seagrave", "c:seagrave-sixth-form", "attends"),),
    ),
    ReferralSpec(
        "isla", OVERDUE, 3, "16:20", "1C", "Isla Hendry", "Self-referral", "Mobile number given to the front door",
        "I'm 16 and I can't go home. My mum's boyfriend kicked me out and I've been sofa surfing at friends' for a "
        "week. I've got nowhere tonight.",
        CONSENT, "Isla asked for help herself and agreed to the front door talking to her school and to housing.",
        "fd.sam", children=("fd.isla",),
    ),
    ReferralSpec(
        "leah", OVERDUE, 4, "11:10", "5B", "Tom Gilbey", "Brightside Council post-16 participation team",
        "t.gilbey@brightside.example",
        "Leah (17) has not enrolled in education or training since leaving sixth form in the summer and has not "
        "answered our calls or letters. Her mother says she stays in her room all day.",
        PUBLIC_TASK, "Leah's mother knows we have referred; Leah has not been reached.", "fd.nadia",
        children=("fd.leah",),
    ),
    ReferralSpec(
        "known4", OVERDUE, 1, "09:25", "1A", "The young person's grandmother", "Family member", "By phone",
        "{given} has been staying out until the early hours and comes home smelling of cannabis. I think an older man "
        "is giving {given} lifts; I've seen a car wait at the Rookery Row underpass.",
        CONSENT, "The grandmother agreed to the referral.", "fd.sam", children=("@known4",),
        mentions=(mention(CONTEXT, "the Rookery Row underpass", "c:rookery-underpass", "frequents", "harmful"),),
    ),
)  # fmt: skip
