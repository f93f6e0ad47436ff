from django.urls import path

app_name = "drafting"
urlpatterns: list = []
