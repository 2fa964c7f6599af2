using CareConsole.Core.Catalog;

namespace CareConsole.Core.Data.Seed;

/// <summary>
/// The raw material of the demo store "MelaMart": names, places and products the generator draws from.
/// Names and places are common Indian ones; phone numbers, e-mail addresses and brands are made up.
/// </summary>
internal static class DemoCatalog
{
    public static readonly string[] FirstNames =
    [
        "Aarav", "Aditi", "Akash", "Ananya", "Anil", "Anjali", "Arjun", "Bhavna", "Deepak", "Divya",
        "Farhan", "Gaurav", "Geeta", "Harpreet", "Imran", "Ishita", "Jaswinder", "Karan", "Kavya", "Lakshmi",
        "Mahesh", "Manpreet", "Meenakshi", "Mohit", "Nandini", "Neha", "Nikhil", "Pooja", "Pradeep", "Priya",
        "Rahul", "Rajesh", "Ritu", "Rohan", "Sakshi", "Sameer", "Sanjay", "Shabnam", "Shreya", "Siddharth",
        "Sneha", "Suresh", "Tanvi", "Tarun", "Uma", "Varun", "Vidya", "Vikram", "Yash", "Zoya",
        "Abhishek", "Fatima", "Gopal", "Jyoti", "Kiran", "Madhuri", "Naveen", "Pallavi", "Ravi", "Swati",
    ];

    public static readonly string[] LastNames =
    [
        "Sharma", "Verma", "Gupta", "Iyer", "Nair", "Reddy", "Rao", "Patel", "Shah", "Mehta",
        "Singh", "Kaur", "Gill", "Khan", "Qureshi", "Das", "Banerjee", "Chatterjee", "Mukherjee", "Bose",
        "Joshi", "Kulkarni", "Deshpande", "Patil", "Pillai", "Menon", "Naidu", "Chauhan", "Yadav", "Mishra",
        "Tiwari", "Pandey", "Agarwal", "Jain", "Saxena", "Bhat", "Hegde", "Fernandes", "D'Souza", "Sinha",
    ];

    /// <summary>A city, its state, the first pincode of its range, neighbourhoods, and the courier hub serving it.</summary>
    public sealed record City(string Name, string State, int FirstPincode, string[] Localities, string Hub);

    public static readonly City[] Cities =
    [
        new("Mumbai", "Maharashtra", 400001, ["Andheri East", "Dadar West", "Powai", "Malad West", "Chembur"], "Bhiwandi sorting hub, Maharashtra"),
        new("Pune", "Maharashtra", 411001, ["Kothrud", "Baner", "Hadapsar", "Viman Nagar"], "Chakan sorting hub, Maharashtra"),
        new("Nagpur", "Maharashtra", 440001, ["Dharampeth", "Sitabuldi", "Manish Nagar"], "Nagpur sorting hub, Maharashtra"),
        new("New Delhi", "Delhi", 110001, ["Lajpat Nagar", "Dwarka Sector 10", "Rohini Sector 7", "Karol Bagh", "Saket"], "Bilaspur sorting hub, Haryana"),
        new("Gurugram", "Haryana", 122001, ["DLF Phase 3", "Sector 56", "Sohna Road"], "Bilaspur sorting hub, Haryana"),
        new("Noida", "Uttar Pradesh", 201301, ["Sector 62", "Sector 18", "Sector 137"], "Dadri sorting hub, Uttar Pradesh"),
        new("Lucknow", "Uttar Pradesh", 226001, ["Gomti Nagar", "Hazratganj", "Aliganj"], "Lucknow sorting hub, Uttar Pradesh"),
        new("Jaipur", "Rajasthan", 302001, ["Malviya Nagar", "Vaishali Nagar", "Mansarovar"], "Jaipur sorting hub, Rajasthan"),
        new("Ahmedabad", "Gujarat", 380001, ["Navrangpura", "Satellite", "Maninagar"], "Changodar sorting hub, Gujarat"),
        new("Surat", "Gujarat", 395003, ["Adajan", "Vesu", "Katargam"], "Changodar sorting hub, Gujarat"),
        new("Bengaluru", "Karnataka", 560001, ["Koramangala", "Indiranagar", "Whitefield", "Jayanagar", "HSR Layout"], "Hoskote sorting hub, Karnataka"),
        new("Mysuru", "Karnataka", 570001, ["Vijayanagar", "Kuvempunagar", "Gokulam"], "Hoskote sorting hub, Karnataka"),
        new("Chennai", "Tamil Nadu", 600001, ["T. Nagar", "Adyar", "Velachery", "Anna Nagar"], "Sriperumbudur sorting hub, Tamil Nadu"),
        new("Coimbatore", "Tamil Nadu", 641001, ["RS Puram", "Saibaba Colony", "Peelamedu"], "Coimbatore sorting hub, Tamil Nadu"),
        new("Hyderabad", "Telangana", 500001, ["Banjara Hills", "Gachibowli", "Kukatpally", "Secunderabad"], "Shamshabad sorting hub, Telangana"),
        new("Kochi", "Kerala", 682001, ["Kakkanad", "Edappally", "Fort Kochi"], "Kalamassery sorting hub, Kerala"),
        new("Thiruvananthapuram", "Kerala", 695001, ["Pattom", "Kowdiar", "Vazhuthacaud"], "Kalamassery sorting hub, Kerala"),
        new("Kolkata", "West Bengal", 700001, ["Salt Lake", "Ballygunge", "New Town", "Behala"], "Dankuni sorting hub, West Bengal"),
        new("Bhubaneswar", "Odisha", 751001, ["Saheed Nagar", "Patia", "Nayapalli"], "Bhubaneswar sorting hub, Odisha"),
        new("Patna", "Bihar", 800001, ["Boring Road", "Kankarbagh", "Patliputra Colony"], "Patna sorting hub, Bihar"),
        new("Guwahati", "Assam", 781001, ["Dispur", "Zoo Road", "Beltola"], "Guwahati sorting hub, Assam"),
        new("Chandigarh", "Chandigarh", 160017, ["Sector 17", "Sector 22", "Sector 35"], "Mohali sorting hub, Punjab"),
        new("Ludhiana", "Punjab", 141001, ["Model Town", "Sarabha Nagar", "Civil Lines"], "Mohali sorting hub, Punjab"),
        new("Indore", "Madhya Pradesh", 452001, ["Vijay Nagar", "Palasia", "Rau"], "Indore sorting hub, Madhya Pradesh"),
        new("Bhopal", "Madhya Pradesh", 462001, ["Arera Colony", "MP Nagar", "Kolar Road"], "Indore sorting hub, Madhya Pradesh"),
    ];

    public static readonly string[] Buildings =
    [
        "Sai Krupa Apartments", "Green Valley Residency", "Shanti Niketan", "Lotus Heights", "Ganga Towers",
        "Sunrise Enclave", "Rajhans Society", "Palm Grove", "Om Sai Residency", "Silver Oak Apartments",
    ];

    public static readonly string[] Streets = ["MG Road", "Station Road", "Temple Street", "Nehru Marg", "Park Avenue", "Gandhi Road", "Main Road", "Church Street"];

    public static readonly string[] Couriers = ["MelaMart Logistics", "Swiftline Express", "BlueRoute Couriers"];

    public static readonly string[] WalletNames = ["MelaMart Wallet", "PayNest wallet", "QuickPay wallet"];

    public static readonly string[] CardNetworks = ["Visa", "Mastercard", "RuPay"];

    public static readonly string[] UpiApps = ["BHIM UPI", "PhonePe UPI", "Google Pay UPI", "Paytm UPI"];

    public sealed record CatalogItem(ProductCategory Category, string Name, decimal Price);

    public static readonly CatalogItem[] Products =
    [
        new(ProductCategory.Mobiles, "Aurix A54 5G smartphone, 8 GB RAM, 128 GB", 18_999m),
        new(ProductCategory.Mobiles, "Aurix Note 12 smartphone, 6 GB RAM, 128 GB", 13_499m),
        new(ProductCategory.Mobiles, "Kestrel Pro 5G smartphone, 12 GB RAM, 256 GB", 34_999m),
        new(ProductCategory.Mobiles, "Vayu 4G feature phone, dual SIM", 1_399m),
        new(ProductCategory.Mobiles, "20W fast charger with USB-C cable", 799m),
        new(ProductCategory.Electronics, "Tarang wireless earbuds with noise cancellation", 2_499m),
        new(ProductCategory.Electronics, "Dhwani 20W Bluetooth speaker", 1_799m),
        new(ProductCategory.Electronics, "Pixelon 43-inch 4K smart TV", 27_990m),
        new(ProductCategory.Electronics, "Kalam 14-inch laptop, 16 GB RAM, 512 GB SSD", 52_990m),
        new(ProductCategory.Electronics, "Chitra 10-inch tablet, 4 GB RAM, 64 GB", 12_999m),
        new(ProductCategory.Electronics, "Nayan streaming stick with voice remote", 3_499m),
        new(ProductCategory.Appliances, "Shitalta 1.5 ton 3-star inverter split AC", 32_490m),
        new(ProductCategory.Appliances, "Dhara 7 kg front-load washing machine", 24_990m),
        new(ProductCategory.Appliances, "Annapurna 750W mixer grinder, 3 jars", 2_899m),
        new(ProductCategory.Appliances, "Jalsetu RO + UV water purifier", 11_499m),
        new(ProductCategory.Appliances, "Pavan 1200 mm ceiling fan", 2_199m),
        new(ProductCategory.Fashion, "Men's cotton kurta, indigo block print", 899m),
        new(ProductCategory.Fashion, "Women's banarasi silk saree with blouse piece", 3_299m),
        new(ProductCategory.Fashion, "Running shoes, men's, mesh upper", 2_199m),
        new(ProductCategory.Fashion, "Women's embroidered juttis", 749m),
        new(ProductCategory.Fashion, "Unisex analogue wristwatch, leather strap", 1_499m),
        new(ProductCategory.HomeAndKitchen, "Stainless steel pressure cooker, 5 litre", 1_649m),
        new(ProductCategory.HomeAndKitchen, "Non-stick tawa, 28 cm", 599m),
        new(ProductCategory.HomeAndKitchen, "Cotton double bedsheet with 2 pillow covers", 899m),
        new(ProductCategory.HomeAndKitchen, "Copper water bottle, 1 litre", 699m),
        new(ProductCategory.HomeAndKitchen, "Memory foam pillow, pack of 2", 1_299m),
        new(ProductCategory.Beauty, "Ayurvedic kumkumadi face oil, 30 ml", 649m),
        new(ProductCategory.Beauty, "Herbal hair oil with bhringraj, 200 ml", 299m),
        new(ProductCategory.Beauty, "Sunscreen SPF 50, 80 g", 449m),
        new(ProductCategory.Beauty, "Beard trimmer, cordless, 60 minute run time", 1_199m),
        new(ProductCategory.Books, "Wings of Fire (paperback)", 299m),
        new(ProductCategory.Books, "NCERT Class 10 science textbook", 175m),
        new(ProductCategory.Books, "Panchatantra stories for children, illustrated", 399m),
        new(ProductCategory.Books, "Indian cooking at home, 100 recipes", 549m),
        new(ProductCategory.Grocery, "Basmati rice, 5 kg", 649m),
        new(ProductCategory.Grocery, "Cold-pressed groundnut oil, 1 litre", 289m),
        new(ProductCategory.Grocery, "Assam tea leaves, 500 g", 245m),
        new(ProductCategory.Grocery, "Mixed dry fruits gift box, 500 g", 799m),
        new(ProductCategory.Sports, "English willow cricket bat, full size", 3_499m),
        new(ProductCategory.Sports, "Yoga mat, 6 mm, anti-slip", 699m),
        new(ProductCategory.Sports, "Badminton racquet pair with shuttles", 1_099m),
        new(ProductCategory.Sports, "Adjustable dumbbell set, 20 kg", 2_999m),
        new(ProductCategory.Toys, "Wooden building blocks, 100 pieces", 899m),
        new(ProductCategory.Toys, "Remote control racing car", 1_499m),
        new(ProductCategory.Toys, "Ludo and snakes & ladders board set", 349m),
        new(ProductCategory.Toys, "Science kit: build a solar car", 1_199m),
    ];
}
