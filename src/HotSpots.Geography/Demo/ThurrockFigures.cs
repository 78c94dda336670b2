namespace HotSpots.Geography.Demo;

/// <summary>
/// Figures computed once (November 2026) from the real Thurrock ward boundaries (ONS 2013 wards, OS OpenData) and the
/// police.uk street-level records for Essex, January to April 2018. No boundary or record is kept, only these numbers:
/// per ward, eight seed points (k-means centres of points sampled inside the ward) and mean incidents per month by
/// kind; and a simplified outline of the borough. Cells grown from the seeds agree with the real wards for 90% of the
/// police.uk locations in Thurrock.
/// </summary>
public static class ThurrockFigures
{
    public sealed record DemoWard(
        string Code,
        string Name,
        double AsbPerMonth,
        double DamagePerMonth,
        double ViolencePerMonth,
        double OtherPerMonth,
        (double Latitude, double Longitude)[] Seeds);

    public static IReadOnlyList<DemoWard> Wards { get; } =
    [
        new("E05002229", "Aveley and Uplands", AsbPerMonth: 25.50, DamagePerMonth: 9.25, ViolencePerMonth: 22.50, OtherPerMonth: 37.75, Seeds: [(51.4921, 0.2215), (51.4984, 0.234), (51.5047, 0.2471), (51.5124, 0.2584), (51.4924, 0.2461), (51.5017, 0.2614), (51.5188, 0.2465), (51.4894, 0.2567)]),
        new("E05002230", "Belhus", AsbPerMonth: 20.00, DamagePerMonth: 10.75, ViolencePerMonth: 29.50, OtherPerMonth: 29.00, Seeds: [(51.5052, 0.3056), (51.5126, 0.2975), (51.5145, 0.3216), (51.5021, 0.2853), (51.5012, 0.2758), (51.504, 0.2951), (51.5108, 0.3119), (51.5073, 0.2713)]),
        new("E05002231", "Chadwell St Mary", AsbPerMonth: 18.00, DamagePerMonth: 9.75, ViolencePerMonth: 25.00, OtherPerMonth: 37.00, Seeds: [(51.4896, 0.372), (51.4978, 0.3834), (51.4955, 0.3606), (51.4868, 0.3632), (51.4797, 0.3688), (51.4875, 0.3811), (51.4806, 0.3583), (51.4846, 0.3748)]),
        new("E05002232", "Chafford and North Stifford", AsbPerMonth: 9.50, DamagePerMonth: 3.00, ViolencePerMonth: 9.00, OtherPerMonth: 15.25, Seeds: [(51.4965, 0.2999), (51.497, 0.3062), (51.4959, 0.2935), (51.4909, 0.3162), (51.4953, 0.3135), (51.4999, 0.3119), (51.4903, 0.3096), (51.4907, 0.3041)]),
        new("E05002233", "Corringham and Fobbing", AsbPerMonth: 5.25, DamagePerMonth: 1.50, ViolencePerMonth: 6.75, OtherPerMonth: 15.25, Seeds: [(51.5263, 0.463), (51.5128, 0.4731), (51.5285, 0.503), (51.542, 0.4628), (51.5138, 0.5191), (51.5351, 0.4829), (51.5148, 0.4929), (51.5447, 0.4458)]),
        new("E05002234", "East Tilbury", AsbPerMonth: 13.00, DamagePerMonth: 6.00, ViolencePerMonth: 13.00, OtherPerMonth: 15.50, Seeds: [(51.468, 0.4281), (51.4923, 0.3927), (51.4786, 0.4031), (51.4953, 0.4128), (51.4802, 0.4197), (51.4775, 0.3863), (51.4624, 0.409), (51.4889, 0.4342)]),
        new("E05002235", "Grays Riverside", AsbPerMonth: 42.00, DamagePerMonth: 13.00, ViolencePerMonth: 38.25, OtherPerMonth: 75.50, Seeds: [(51.4846, 0.3124), (51.4763, 0.3234), (51.4775, 0.3168), (51.4799, 0.3097), (51.4852, 0.3169), (51.4756, 0.3095), (51.4744, 0.3293), (51.4841, 0.3064)]),
        new("E05002236", "Grays Thurrock", AsbPerMonth: 14.75, DamagePerMonth: 4.25, ViolencePerMonth: 16.75, OtherPerMonth: 25.25, Seeds: [(51.4843, 0.3218), (51.4819, 0.3266), (51.491, 0.3218), (51.4815, 0.3332), (51.4866, 0.3328), (51.4878, 0.3271), (51.4764, 0.3329), (51.4737, 0.3368)]),
        new("E05002237", "Little Thurrock Blackshots", AsbPerMonth: 8.75, DamagePerMonth: 4.25, ViolencePerMonth: 9.00, OtherPerMonth: 22.50, Seeds: [(51.4914, 0.3567), (51.4864, 0.3552), (51.4922, 0.336), (51.4898, 0.3497), (51.4957, 0.3536), (51.498, 0.3395), (51.492, 0.3427), (51.4951, 0.3468)]),
        new("E05002238", "Little Thurrock Rectory", AsbPerMonth: 7.75, DamagePerMonth: 2.25, ViolencePerMonth: 8.25, OtherPerMonth: 21.75, Seeds: [(51.4863, 0.339), (51.4765, 0.3408), (51.4776, 0.3464), (51.4826, 0.3534), (51.4858, 0.3451), (51.4818, 0.3494), (51.4814, 0.3431), (51.4803, 0.3381)]),
        new("E05002239", "Ockendon", AsbPerMonth: 43.00, DamagePerMonth: 9.00, ViolencePerMonth: 36.75, OtherPerMonth: 48.00, Seeds: [(51.5217, 0.3076), (51.5178, 0.2703), (51.5263, 0.2906), (51.5266, 0.3277), (51.5281, 0.2739), (51.5157, 0.2827), (51.5335, 0.3029), (51.5333, 0.3169)]),
        new("E05002240", "Orsett", AsbPerMonth: 11.75, DamagePerMonth: 4.75, ViolencePerMonth: 7.75, OtherPerMonth: 22.75, Seeds: [(51.5417, 0.4154), (51.5361, 0.3461), (51.5121, 0.3464), (51.5579, 0.336), (51.5206, 0.3998), (51.5067, 0.3742), (51.5311, 0.3718), (51.5552, 0.3755)]),
        new("E05002241", "South Chafford", AsbPerMonth: 14.00, DamagePerMonth: 3.00, ViolencePerMonth: 9.25, OtherPerMonth: 18.00, Seeds: [(51.4818, 0.2956), (51.4904, 0.2923), (51.4874, 0.3008), (51.4867, 0.2902), (51.482, 0.2899), (51.4862, 0.2959), (51.4906, 0.2977), (51.4832, 0.3009)]),
        new("E05002242", "Stanford East and Corringham Town", AsbPerMonth: 14.75, DamagePerMonth: 7.25, ViolencePerMonth: 18.75, OtherPerMonth: 28.75, Seeds: [(51.5213, 0.4374), (51.522, 0.4524), (51.5273, 0.4505), (51.5205, 0.4423), (51.5252, 0.4408), (51.5271, 0.4451), (51.5222, 0.447), (51.5205, 0.4327)]),
        new("E05002243", "Stanford-le-Hope West", AsbPerMonth: 22.50, DamagePerMonth: 5.25, ViolencePerMonth: 19.25, OtherPerMonth: 21.75, Seeds: [(51.514, 0.4234), (51.5135, 0.4577), (51.5138, 0.4338), (51.506, 0.4488), (51.5076, 0.4142), (51.5147, 0.4455), (51.502, 0.4273), (51.5049, 0.4381)]),
        new("E05002244", "Stifford Clays", AsbPerMonth: 6.50, DamagePerMonth: 1.75, ViolencePerMonth: 11.00, OtherPerMonth: 16.50, Seeds: [(51.4981, 0.3182), (51.5119, 0.3278), (51.4986, 0.3257), (51.5063, 0.3316), (51.4991, 0.3335), (51.5067, 0.3247), (51.504, 0.32), (51.4929, 0.3296)]),
        new("E05002245", "The Homesteads", AsbPerMonth: 6.50, DamagePerMonth: 2.25, ViolencePerMonth: 10.75, OtherPerMonth: 12.25, Seeds: [(51.5256, 0.4349), (51.5296, 0.4339), (51.5314, 0.439), (51.5362, 0.443), (51.5383, 0.4496), (51.522, 0.4255), (51.532, 0.4461), (51.5251, 0.4296)]),
        new("E05002246", "Tilbury Riverside and Thurrock Park", AsbPerMonth: 43.75, DamagePerMonth: 19.25, ViolencePerMonth: 26.50, OtherPerMonth: 45.50, Seeds: [(51.4646, 0.3963), (51.4585, 0.3557), (51.4583, 0.3895), (51.4578, 0.3439), (51.4564, 0.3676), (51.4696, 0.3435), (51.4582, 0.3786), (51.4652, 0.3353)]),
        new("E05002247", "Tilbury St Chads", AsbPerMonth: 17.75, DamagePerMonth: 19.25, ViolencePerMonth: 26.25, OtherPerMonth: 34.00, Seeds: [(51.4676, 0.3758), (51.4698, 0.3915), (51.4689, 0.3831), (51.4752, 0.3535), (51.4692, 0.3517), (51.4721, 0.3606), (51.4653, 0.3655), (51.4726, 0.3686)]),
        new("E05002248", "West Thurrock and South Stifford", AsbPerMonth: 47.50, DamagePerMonth: 16.00, ViolencePerMonth: 49.00, OtherPerMonth: 208.75, Seeds: [(51.4762, 0.2969), (51.4713, 0.2826), (51.4837, 0.2374), (51.4909, 0.2682), (51.4882, 0.2813), (51.4735, 0.2721), (51.4764, 0.2607), (51.4786, 0.2495)]),
    ];

    /// <summary>The borough's outline, simplified (Douglas–Peucker, about 400 m), as (latitude, longitude).</summary>
    public static IReadOnlyList<(double Latitude, double Longitude)> Outline { get; } =
    [
        (51.4693, 0.3281),
        (51.4739, 0.3058),
        (51.4614, 0.2814),
        (51.4902, 0.2105),
        (51.4994, 0.2299),
        (51.5066, 0.2266),
        (51.508, 0.2419),
        (51.5193, 0.2371),
        (51.5188, 0.2449),
        (51.5226, 0.241),
        (51.5287, 0.2489),
        (51.5179, 0.2538),
        (51.5179, 0.2637),
        (51.5321, 0.2653),
        (51.5405, 0.334),
        (51.5659, 0.313),
        (51.5672, 0.3918),
        (51.5577, 0.3935),
        (51.5571, 0.4174),
        (51.5451, 0.4277),
        (51.5537, 0.4616),
        (51.5467, 0.4667),
        (51.5486, 0.4816),
        (51.5382, 0.5062),
        (51.5343, 0.5019),
        (51.5307, 0.5023),
        (51.5366, 0.5074),
        (51.5313, 0.5068),
        (51.5271, 0.5177),
        (51.516, 0.5222),
        (51.5126, 0.5412),
        (51.5052, 0.5081),
        (51.5068, 0.4556),
        (51.5001, 0.4356),
        (51.5016, 0.4364),
        (51.5145, 0.4233),
        (51.5013, 0.4336),
        (51.5015, 0.4362),
        (51.5002, 0.4353),
        (51.5, 0.4359),
        (51.5011, 0.4436),
        (51.4982, 0.4456),
        (51.4615, 0.4339),
        (51.4558, 0.4151),
        (51.4523, 0.3408),
        (51.4693, 0.3281),
    ];
}
